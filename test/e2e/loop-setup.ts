/** Shared set-up for the agent-loop end-to-end tests: a finalized, committed copy of fixtures/mission-tasks. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { type RunResult, runBin } from "../support/run.ts";

export const SLUG = "001-report-tool";

/** argv of `spec-kitty agent action <verb> <wp>` as claude on the fixture's mission, plus `more` flags. */
export function actionArgs(verb: "implement" | "review", wp: string, ...more: string[]): string[] {
  return ["agent", "action", verb, wp, "--agent", "claude", "--mission", SLUG, ...more];
}

/** `spec-kitty next` for the loop fixture's mission; `result` switches to advance mode. */
export function nextArgs(agent: string, result?: "success" | "failed" | "blocked"): string[] {
  return ["next", "--agent", agent, "--mission", SLUG, ...(result ? ["--result", result] : []), "--json"];
}

/** `agent tasks move-task` for the loop fixture's mission, as claude. */
export function moveArgs(wp: string, lane: string, ...more: string[]): string[] {
  return ["agent", "tasks", "move-task", wp, "--to", lane, "--mission", SLUG, "--agent", "claude", ...more];
}

export interface LoopProject {
  root: string;
  tmp: string;
  sk: (args: string[], cwd?: string) => Promise<RunResult>;
  /** sk(...) that must exit 0; returns parsed JSON when --json was passed. */
  ok: (args: string[], cwd?: string) => Promise<Record<string, unknown>>;
  lanes: () => Record<string, string>;
}

/** A repo holding the mission-tasks fixture, finalized (lanes.json, bootstrap events) and committed. */
export async function loopProject(
  configExtra = "",
  options: { autoCommit?: boolean } = {},
): Promise<LoopProject> {
  const root = copyFixture("mission-tasks");
  const tmp = join(root, "..", "prompts");
  mkdirSync(tmp);
  const path = join(root, ".kittify", "config.yaml");
  // The fixture says `auto_commit: false`; a test may ask for spec-kitty's default instead.
  const config = readFileSync(path, "utf8").replace(
    "auto_commit: false",
    `auto_commit: ${options.autoCommit === true}`,
  );
  writeFileSync(path, `${config}${configExtra}`);
  initRepo(root);
  const env = { ...gitEnv(), TMPDIR: tmp };
  const sk = (args: string[], cwd = root) => runBin(args, { cwd, env });
  const ok = async (args: string[], cwd = root) => {
    const result = await sk(args, cwd);
    if (result.code !== 0)
      throw new Error(`spec-kitty ${args.join(" ")} exited ${result.code}: ${result.stderr}${result.stdout}`);
    return args.includes("--json")
      ? (JSON.parse(result.stdout) as Record<string, unknown>)
      : { stdout: result.stdout };
  };
  await ok(["agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"]);
  git(root, "add", "-A");
  // With auto_commit on, finalize-tasks committed its own files already.
  if (git(root, "status", "--porcelain") !== "") git(root, "commit", "-q", "-m", "finalize tasks");
  const lanes = () => {
    const status = JSON.parse(readFileSync(join(root, "kitty-specs", SLUG, "status.json"), "utf8")) as {
      work_packages: Record<string, { lane: string }>;
    };
    return Object.fromEntries(Object.entries(status.work_packages).map(([id, s]) => [id, s.lane]));
  };
  return { root, tmp, sk, ok, lanes };
}

/** The first fenced `sh` block line in a prompt file that starts with `spec-kitty` and contains `needle`. */
export function commandIn(promptFile: string, needle: string): string[] {
  const text = readFileSync(promptFile, "utf8");
  const line = text
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.startsWith("spec-kitty ") && l.includes(needle));
  if (!line) throw new Error(`no '${needle}' command in ${promptFile}:\n${text}`);
  // Placeholders the agent fills in (`--note "<summary>"`) are dropped; everything else runs verbatim.
  return line
    .replace(/\s--note\s+"<[^"]*>"/, "")
    .split(/\s+/)
    .slice(1);
}
