import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say, style } from "../cli/output.ts";
import { AGENT_KEYS, AGENTS, type AgentSpec } from "../core/agents.ts";
import { SpecKittyError } from "../core/errors.ts";
import { type InitResult, initProject } from "../core/init/init.ts";
import { envForcesNonInteractive, parseAgentList } from "../core/init/selection.ts";
import { VERSION } from "../version.ts";
import { jsonArg } from "./_args.ts";

const HELP = `Set up spec-kitty in a project directory
Creates files only, all inside the project: .kittify/config.yaml, .kittify/metadata.yaml, the mission
templates in .kittify/templates/, each selected agent's commands (e.g. .claude/commands/, or skills in
.agents/skills/ for codex) and .kittify/owned-files.json, the record of the files spec-kitty wrote. It
does not create a git repository, does not commit, does not touch .gitignore, and writes nothing
outside the project. --no-git, --here and --force were removed: git is yours to run. To change the
agents later: spec-kitty agent config add|remove <keys>.

NAME omitted or '.' means the current directory (which may already be a git repository). Otherwise the
directory NAME is created; if it exists it must be empty or already a spec-kitty project. Running init
again with the same agents changes nothing; with different agents it stops and says what to do.

Without --ai, init asks which agents to set up when run in a terminal. It never asks when given
--non-interactive/--yes, when SPEC_KITTY_NON_INTERACTIVE is 1/true/yes/y/on, when stdin is not a
terminal, or with --json; then --ai is required.

Agent keys: ${AGENT_KEYS.join(", ")}

The canonical loop, once a mission exists (start one with /spec-kitty.specify in your agent):
  spec-kitty next --agent <agent> --mission <slug>
  spec-kitty agent action implement <WP> --agent <agent>
  spec-kitty agent action review <WP> --agent <agent>

Examples:
  spec-kitty init demo --ai codex
  spec-kitty init --ai claude,gemini --non-interactive
  spec-kitty init demo --ai codex --dry-run --json`;

/** The interactive picker. @clack/prompts draws on the terminal itself; it is loaded only when used. */
async function pickAgents(): Promise<AgentSpec[]> {
  const { isCancel, multiselect } = await import("@clack/prompts");
  const chosen = await multiselect({
    message: "Which AI agents will work in this project? (space to select, enter to confirm)",
    options: AGENTS.map((agent) => ({ value: agent.key, label: agent.name, hint: agent.key })),
    required: true,
  });
  if (isCancel(chosen)) {
    throw new SpecKittyError("INIT_CANCELLED", "agent selection cancelled", {
      fix: "run init again, or pass --ai <keys>",
    });
  }
  return parseAgentList(chosen.join(","));
}

/** Files grouped by directory, e.g. ".claude/commands/  13 files" (skill folders count under their root). */
function summarise(files: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const file of files) {
    const skill = /^(.*\/)spec-kitty\.[^/]+\/SKILL\.md$/.exec(file);
    const dir = skill ? (skill[1] as string) : file.slice(0, file.lastIndexOf("/") + 1);
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  const width = Math.max(...[...counts.keys()].map((dir) => dir.length));
  return [...counts].map(([dir, n]) => `  ${dir.padEnd(width)}  ${n} file${n === 1 ? "" : "s"}`);
}

function render(result: InitResult): void {
  const agents = result.agents.join(", ");
  if (result.result === "already_initialized") {
    say(`${style.green("Already initialized:")} ${result.projectPath} (agents: ${agents}). Nothing changed.`);
  } else if (result.result === "dry_run") {
    say(
      `${style.bold("Dry run:")} init would create ${result.files.length} files in ${result.projectPath} (agents: ${agents}); nothing was written.`,
      ...result.files.map((file) => `  ${file}`),
    );
  } else {
    say(
      `${style.green("Initialized")} a spec-kitty project in ${result.projectPath} (agents: ${agents}).`,
      result.inGitRepository
        ? `Created ${result.files.length} files in the existing git repository; nothing committed:`
        : `Created ${result.files.length} files; no git repository, no commit:`,
      ...summarise(result.files),
    );
  }
  say("", style.bold("Next steps:"), ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`));
}

export default defineCommand({
  meta: { name: "init", description: HELP },
  args: {
    name: {
      type: "positional",
      required: false,
      description: "Project directory to create (omit or '.' for the current directory)",
    },
    ai: {
      type: "string",
      description: "Agents to set up, comma-separated (e.g. codex or claude,gemini)",
      valueHint: "keys",
    },
    nonInteractive: {
      type: "boolean",
      alias: "yes",
      description: "Never prompt; --ai is then required",
    },
    dryRun: { type: "boolean", description: "Print the files init would create and write nothing" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const agents = args.ai === undefined ? undefined : parseAgentList(args.ai);
    // The TTY getters are read last and only when needed: probing a terminal costs start-up time.
    const interactive =
      agents === undefined &&
      !args.nonInteractive &&
      !args.json &&
      !envForcesNonInteractive(io().env) &&
      io().stdinIsTTY &&
      io().stdoutIsTTY;
    const result = await initProject({
      cwd: io().cwd,
      name: args.name,
      agents,
      pick: interactive ? pickAgents : undefined,
      dryRun: Boolean(args.dryRun),
      version: VERSION,
    });
    if (!args.json) return render(result);
    printJson({
      result: result.result,
      project_path: result.projectPath,
      agents: result.agents,
      files: result.files,
      next_steps: result.nextSteps,
    });
  },
});
