import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { type AgentSpec, invocation } from "../agents.ts";

/**
 * Whether `dir` is inside a git work tree, found by looking for `.git` upwards: init never runs git
 * (and git need not even be installed to run it).
 */
export function insideGitRepository(dir: string): boolean {
  for (let at = dir; ; at = dirname(at)) {
    if (existsSync(join(at, ".git"))) return true;
    if (dirname(at) === at) return false;
  }
}

/** The directories of init's files at the top of the project (`.kittify`, `.claude`, …), in order. */
function topDirs(files: readonly string[]): string[] {
  return [...new Set(files.map((file) => file.split("/")[0] as string))];
}

/**
 * What to do after init, ending with the canonical loop. The per-decision verbs are
 * `agent action implement|review`; the top-level implement command is internal and never taught.
 */
export function nextSteps(
  agents: readonly AgentSpec[],
  cdInto: string | undefined,
  git: { inRepository: boolean; files: readonly string[] } = { inRepository: true, files: [] },
): string[] {
  const agent = agents[0]?.key ?? "<agent>";
  const others = agents.slice(1).map((a) => a.key);
  const steps: string[] = [];
  if (cdInto) steps.push(`cd ${/^[\w./-]+$/.test(cdInto) ? cdInto : JSON.stringify(cdInto)}`);
  // Missions keep their work on git branches that fork from a commit: say how to get there.
  if (!git.inRepository)
    steps.push(
      'Put the project under git (missions need a first commit): git init && git add -A && git commit -m "Initial commit"',
    );
  else if (git.files.length > 0)
    steps.push(
      `Commit what init created: git add -- ${topDirs(git.files).join(" ")} && git commit -m "Set up spec-kitty"`,
    );
  const first = agents[0];
  const cmd = (name: string) => (first ? invocation(first, name) : `/spec-kitty.${name}`);
  steps.push(
    `Open the project in your agent and run ${cmd("specify")} to start a mission (then ${cmd("plan")} and ${cmd("tasks")})`,
    `Run the mission loop: spec-kitty next --agent ${agent} --mission <slug>${others.length ? ` (or --agent ${others.join(", ")})` : ""}`,
    `Per work package, the loop hands out: spec-kitty agent action implement <WP> --agent ${agent} and spec-kitty agent action review <WP> --agent ${agent}`,
  );
  return steps;
}
