/**
 * The supported AI agents as data: where each one looks for spec-kitty's commands inside a project, in
 * which format, how it spells "the user's arguments" and how a user invokes a command. Everything
 * agent-specific (init, `agent config`, upgrade, doctor, the README table, help text) derives from this
 * one table, so adding an agent is one row here.
 */

/**
 * `markdown`/`toml`: one slash-command file per command (`<dir>/spec-kitty.<cmd>.<ext>`).
 * `skill`: one skill folder per command (`<dir>/spec-kitty.<cmd>/SKILL.md`, frontmatter `name` and
 * `description`), for agents that read project skills instead of custom prompts.
 */
export type CommandFormat = "markdown" | "toml" | "skill";

export interface AgentSpec {
  /** The key users pass to `--ai` and `--agent`. */
  key: string;
  /** Human name, shown by the picker and the README. */
  name: string;
  /** Project-relative directory holding the agent's command files (or skill folders). */
  dir: string;
  /** File extension after `spec-kitty.<command>.` (`md`, `prompt.md`, `toml`); `SKILL.md` for skills. */
  ext: string;
  format: CommandFormat;
  /** The token the agent replaces with whatever the user typed after the command; null for skills. */
  argsPlaceholder: string | null;
  /** How a user invokes command `spec-kitty.<cmd>` in this agent: the text before the command name. */
  invokePrefix: string;
  /** The agent's command-line program, when it has one (checked by `verify-setup`). */
  binary: string | null;
}

const md = (key: string, name: string, dir: string, binary: string | null): AgentSpec => ({
  key,
  name,
  dir,
  ext: "md",
  format: "markdown",
  argsPlaceholder: "$ARGUMENTS",
  invokePrefix: "/",
  binary,
});

const toml = (key: string, name: string, dir: string, binary: string): AgentSpec => ({
  key,
  name,
  dir,
  ext: "toml",
  format: "toml",
  argsPlaceholder: "{{args}}",
  invokePrefix: "/",
  binary,
});

const skill = (key: string, name: string, dir: string, invokePrefix: string): AgentSpec => ({
  key,
  name,
  dir,
  ext: "SKILL.md",
  format: "skill",
  argsPlaceholder: null,
  invokePrefix,
  binary: key,
});

/**
 * The shared project skills root. Codex (which dropped custom prompts in codex-cli 0.117.0), Pi and
 * Letta read skills from here; it is the only place spec-kitty writes under `.agents/`, and only its
 * own `spec-kitty.<cmd>/` folders.
 */
export const SHARED_SKILLS_DIR = ".agents/skills";

/**
 * Upstream's order (AI_CHOICES of 3.2), which is also the order of the interactive picker. `roo` is
 * kept after upstream dropped it in 3.2: Roo Code still reads `.roo/commands/`, and projects set up
 * with it keep working.
 */
export const AGENTS: readonly AgentSpec[] = [
  { ...md("copilot", "GitHub Copilot", ".github/prompts", null), ext: "prompt.md" },
  md("claude", "Claude Code", ".claude/commands", "claude"),
  toml("gemini", "Gemini CLI", ".gemini/commands", "gemini"),
  md("cursor", "Cursor", ".cursor/commands", "cursor-agent"),
  toml("qwen", "Qwen Code", ".qwen/commands", "qwen"),
  md("opencode", "opencode", ".opencode/command", "opencode"),
  skill("codex", "Codex CLI", SHARED_SKILLS_DIR, "$"),
  md("windsurf", "Windsurf", ".windsurf/workflows", null),
  md("kilocode", "Kilo Code", ".kilocode/workflows", null),
  md("auggie", "Auggie CLI", ".augment/commands", "auggie"),
  md("roo", "Roo Code", ".roo/commands", null),
  md("q", "Amazon Q Developer CLI", ".amazonq/prompts", "q"),
  md("kiro", "Kiro CLI", ".kiro/prompts", "kiro-cli"),
  md("antigravity", "Google Antigravity", ".agent/workflows", null),
  // Vibe's own project skills root; upstream instead edits .vibe/config.toml to add .agents/skills.
  skill("vibe", "Mistral Vibe", ".vibe/skills", "/"),
  skill("pi", "Pi", SHARED_SKILLS_DIR, "/skill:"),
  skill("letta", "Letta Code", SHARED_SKILLS_DIR, "/"),
];

export const AGENT_KEYS: readonly string[] = AGENTS.map((agent) => agent.key);

export function findAgent(key: string): AgentSpec | undefined {
  return AGENTS.find((agent) => agent.key === key);
}

/** Project-relative path of one command's file for one agent. */
export function commandPath(agent: AgentSpec, command: string): string {
  return agent.format === "skill"
    ? `${agent.dir}/spec-kitty.${command}/SKILL.md`
    : `${agent.dir}/spec-kitty.${command}.${agent.ext}`;
}

/** What a user types to run a command in this agent: `/spec-kitty.plan`, `$spec-kitty.plan`, … */
export function invocation(agent: AgentSpec, command: string): string {
  return `${agent.invokePrefix}spec-kitty.${command}`;
}

/** The agents (in table order) among `keys` that write into directory `dir`. */
export function agentsSharing(dir: string, keys: readonly string[]): AgentSpec[] {
  return AGENTS.filter((agent) => agent.dir === dir && keys.includes(agent.key));
}
