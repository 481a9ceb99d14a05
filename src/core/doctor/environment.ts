/**
 * `spec-kitty verify-setup`: the machine and checkout around the project — where you stand (project
 * root, repository, lane worktree, branch), which tools are on PATH (git, spec-kitty itself for the
 * merge drivers, each agent's CLI) and whether the configured agents' files are in place. Read-only.
 */
import { basename, dirname, relative } from "node:path";
import { agentConfigStatus } from "../agent-config/status.ts";
import { AGENTS } from "../agents.ts";
import { readProjectConfig } from "../config.ts";
import { isSpecKittyError } from "../errors.ts";
import { currentBranch, isGitRepo } from "../git/facts.ts";
import { runGit } from "../git/run.ts";

export interface ToolCheck {
  binary: string;
  available: boolean;
  path: string | null;
}

export interface SetupReport {
  environment: {
    cwd: string;
    project_root: string;
    repo_root: string | null;
    in_worktree: boolean;
    current_branch: string | null;
  };
  tools: Record<string, ToolCheck>;
  file_integrity: { agent: string; configured: boolean; health: string }[];
  recommendations: string[];
}

function tool(binary: string, env: Record<string, string | undefined>): ToolCheck {
  const path = Bun.which(binary, { PATH: env.PATH ?? "" });
  return { binary, available: path !== null, path };
}

export function verifySetup(
  root: string,
  cwd: string,
  env: Record<string, string | undefined>,
  version: string,
): SetupReport {
  const git = isGitRepo(cwd, { env });
  const top = git ? runGit(cwd, ["rev-parse", "--show-toplevel"], { env }).stdout.trim() : "";
  const rel = relative(root, cwd).split("/");
  const inWorktree = rel[0] === ".worktrees" || (top !== "" && basename(dirname(top)) === ".worktrees");
  const configured = readProjectConfig(root)?.agents.available ?? [];
  const tools: Record<string, ToolCheck> = { git: tool("git", env), "spec-kitty": tool("spec-kitty", env) };
  for (const agent of AGENTS) {
    if (agent.binary && configured.includes(agent.key)) tools[agent.key] = tool(agent.binary, env);
  }
  const recommendations: string[] = [];
  if (!tools.git?.available) recommendations.push("install git: lanes, merges and status history need it");
  if (!tools["spec-kitty"]?.available)
    recommendations.push("put spec-kitty on PATH: git runs the status merge drivers as `spec-kitty`");
  for (const [key, check] of Object.entries(tools)) {
    if (key !== "git" && key !== "spec-kitty" && !check.available)
      recommendations.push(`${key} is configured but its CLI '${check.binary}' is not on PATH`);
  }
  let integrity: SetupReport["file_integrity"] = [];
  try {
    integrity = agentConfigStatus(root, version).agents.map((a) => ({
      agent: a.key,
      configured: a.configured,
      health: a.health,
    }));
  } catch (error) {
    if (!isSpecKittyError(error)) throw error;
    recommendations.push(error.message);
  }
  if (integrity.some((a) => a.configured && (a.health === "missing" || a.health === "outdated")))
    recommendations.push("restore the agents' command files: spec-kitty agent config sync");
  return {
    environment: {
      cwd,
      project_root: root,
      repo_root: top || null,
      in_worktree: inWorktree,
      current_branch: git ? currentBranch(cwd, { env }) : null,
    },
    tools,
    file_integrity: integrity,
    recommendations,
  };
}
