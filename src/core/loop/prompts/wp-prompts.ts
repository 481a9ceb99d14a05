import { join } from "node:path";
import implementTemplate from "../../../templates/prompts/implement.md" with { type: "text" };
import reviewTemplate from "../../../templates/prompts/review.md" with { type: "text" };
import { readTextFile } from "../../fs/text.ts";
import type { MissionRef } from "../../mission/resolve.ts";
import { scalarText } from "../../tasks/wp-list.ts";
import type { Workspace } from "../../workspace/ensure.ts";
import type { ImplementOutcome } from "../implement.ts";
import type { ReviewOutcome } from "../review.ts";
import { reviewCycleRecords } from "../review-cycle.ts";
import type { FiledWp } from "../state.ts";
import { charterBlock } from "./charter.ts";
import { fillTemplate, writePrompt } from "./files.ts";

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === "string" && value ? [value] : [];
}

function common(
  mission: MissionRef,
  wp: FiledWp,
  workspace: Workspace,
  agent: string,
): Record<string, string> {
  const owned = list(wp.file.data.owned_files);
  return {
    wp_id: wp.id,
    title: wp.title,
    mission_slug: mission.slug,
    mission_id: mission.missionId ?? "no mission_id",
    agent,
    root: mission.root,
    workspace_path: workspace.workspacePath,
    branch: workspace.branch,
    lane_id: workspace.laneId,
    lane_wps: workspace.laneWpIds.join(", "),
    owned_files: owned.length ? owned.map((f) => `\`${f}\``).join(", ") : "(none declared)",
    // The WP file as it is on disk now (claims just updated its frontmatter).
    wp_text: readTextFile(wp.file.path, wp.file.name).trimEnd(),
  };
}

/** A shell word: single-quoted unless it is plainly safe (globs stay unexpanded for git's pathspecs). */
function shellWord(word: string): string {
  return /^[\w./@+=:-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/**
 * The commit of exactly the WP's own files, as one line that runs as printed (in the workspace). Its
 * owned_files are git pathspecs (`src/**`); without any, the files have to be named by the agent.
 */
function commitCommand(wp: FiledWp, workspace: Workspace): string {
  const owned = list(wp.file.data.owned_files);
  const paths = owned.length ? owned.map(shellWord).join(" ") : "<the files you changed>";
  return `cd ${shellWord(workspace.workspacePath)} && git add -- ${paths} && git commit -m "${wp.id}: <what you did>"`;
}

function laneContract(workspace: Workspace): string {
  if (workspace.isMainCheckout) {
    return (
      "- This is a planning-artifact WP: it is worked on in the MAIN checkout, on the mission's target\n" +
      `  branch (${workspace.branch}). No worktree and no lane branch exist for it.`
    );
  }
  return (
    `- This WP is worked on in its lane worktree, on branch ${workspace.branch} (forked from ${workspace.baseRef}).\n` +
    "- The lane's WPs share this worktree one after another; never switch branches in it."
  );
}

export function writeImplementPrompt(mission: MissionRef, outcome: ImplementOutcome, agent: string): string {
  const { wp, workspace, feedback } = outcome;
  const subtasks = list(wp.file.data.subtasks);
  const vars = {
    ...common(mission, wp, workspace, agent),
    lane_contract: laneContract(workspace),
    // The main checkout's copies: a lane worktree forks from a commit that may predate later edits.
    spec_file: join(mission.dir, "spec.md"),
    plan_file: join(mission.dir, "plan.md"),
    commit_command: commitCommand(wp, workspace),
    charter: charterBlock(mission.root, "implement"),
    subtasks: subtasks.length ? subtasks.join(",") : "<T001,T002>",
    feedback: feedback
      ? `\n## Review feedback to address first\n\nThis WP was sent back by a reviewer (${feedback.path}):\n\n${feedback.text.trimEnd()}\n\n`
      : "\n",
  };
  return writePrompt(
    mission.root,
    `spec-kitty-implement-${mission.slug}-${wp.id}.md`,
    fillTemplate(implementTemplate, vars),
  );
}

/** Every earlier rejection of the WP, oldest first: what the reviewer asked for before. */
function earlierReviews(mission: MissionRef, wp: FiledWp): string {
  const cycles = reviewCycleRecords(mission, wp.file);
  if (cycles.length === 0) return "";
  const body = cycles
    .map((c) => {
      const text = c.text.replace(/^---\r?\n[\s\S]*?\r?\n---[ \t]*\r?\n/, "").trim();
      return `### Review cycle ${c.number} (${c.path})\n\n${text}`;
    })
    .join("\n\n");
  return `## Earlier reviews\n\nThis WP was sent back ${cycles.length} time(s) before. Check that every point below was addressed.\n\n${body}\n\n`;
}

export function writeReviewPrompt(mission: MissionRef, outcome: ReviewOutcome, agent: string): string {
  const { wp, workspace } = outcome;
  const ws = workspace.workspacePath;
  // It goes into a shell command the agent runs: a commit id only (a hand-edited value is left out).
  const recorded = scalarText(wp.file.data.base_commit);
  const baseCommit = /^[0-9a-f]{7,64}$/i.test(recorded) ? recorded : "";
  const lines: string[] = [];
  if (!workspace.isMainCheckout) {
    lines.push(
      `The lane against its base (${workspace.baseRef}):`,
      "",
      "```sh",
      `git -C ${ws} log --oneline ${workspace.baseRef}..${workspace.branch}`,
      `git -C ${ws} diff ${workspace.baseRef}...${workspace.branch}`,
      "```",
      "",
    );
  }
  if (baseCommit) {
    lines.push(
      `This WP's own commits (since it was claimed at ${baseCommit.slice(0, 12)}):`,
      "",
      "```sh",
      `git -C ${ws} log --oneline ${baseCommit}..HEAD`,
      `git -C ${ws} diff ${baseCommit}..HEAD`,
      "```",
      "",
    );
  }
  const vars = {
    ...common(mission, wp, workspace, agent),
    diff_commands:
      lines.join("\n") || "No base is recorded for this WP; inspect the recent history with `git log`.",
    dirty: workspace.dirty.length
      ? `\nUncommitted files in the workspace (the implementer should have committed them): ${workspace.dirty.join(", ")}\n`
      : "",
    charter: charterBlock(mission.root, "review"),
    history: earlierReviews(mission, wp),
    // Absolute: the reviewer runs move-task from the lane worktree, where a relative path would miss.
    feedback_path: join(mission.root, outcome.feedbackPath),
  };
  return writePrompt(
    mission.root,
    `spec-kitty-review-${mission.slug}-${wp.id}.md`,
    fillTemplate(reviewTemplate, vars),
  );
}
