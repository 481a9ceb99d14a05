/**
 * The 13 supported AI agents as data: where each one looks for slash commands inside a project, in
 * which file format, and how it spells "the user's arguments". Everything agent-specific in init (file
 * paths, rendering, the README table, the help text) derives from this one table, so adding an agent is
 * one row here.
 */
export type CommandFormat = "markdown" | "toml";

export interface AgentSpec {
  /** The key users pass to `--ai` and `--agent`. */
  key: string;
  /** Human name, shown by the picker and the README. */
  name: string;
  /** Project-relative directory holding the agent's slash-command files. */
  dir: string;
  /** File extension after `spec-kitty.<command>.` (e.g. `md`, `prompt.md`, `toml`). */
  ext: string;
  format: CommandFormat;
  /** The token the agent replaces with whatever the user typed after the slash command. */
  argsPlaceholder: string;
}

const md = (key: string, name: string, dir: string): AgentSpec => ({
  key,
  name,
  dir,
  ext: "md",
  format: "markdown",
  argsPlaceholder: "$ARGUMENTS",
});

const toml = (key: string, name: string, dir: string): AgentSpec => ({
  key,
  name,
  dir,
  ext: "toml",
  format: "toml",
  argsPlaceholder: "{{args}}",
});

/** Upstream's order (AI_CHOICES), which is also the order of the interactive picker. */
export const AGENTS: readonly AgentSpec[] = [
  { ...md("copilot", "GitHub Copilot", ".github/prompts"), ext: "prompt.md" },
  md("claude", "Claude Code", ".claude/commands"),
  toml("gemini", "Gemini CLI", ".gemini/commands"),
  md("cursor", "Cursor", ".cursor/commands"),
  toml("qwen", "Qwen Code", ".qwen/commands"),
  md("opencode", "opencode", ".opencode/command"),
  md("codex", "Codex CLI", ".codex/prompts"),
  md("windsurf", "Windsurf", ".windsurf/workflows"),
  md("kilocode", "Kilo Code", ".kilocode/workflows"),
  md("auggie", "Auggie CLI", ".augment/commands"),
  md("roo", "Roo Code", ".roo/commands"),
  md("q", "Amazon Q Developer CLI", ".amazonq/prompts"),
  md("antigravity", "Google Antigravity", ".agent/workflows"),
];

export const AGENT_KEYS: readonly string[] = AGENTS.map((agent) => agent.key);

export function findAgent(key: string): AgentSpec | undefined {
  return AGENTS.find((agent) => agent.key === key);
}

/**
 * `spec-kitty.<command>.<ext>`. Codex cannot invoke prompt names containing hyphens, so for codex they
 * become underscores (as upstream does); none of today's commands has one, but future ones may.
 */
export function commandFileName(agent: AgentSpec, command: string): string {
  const name = agent.key === "codex" ? command.replaceAll("-", "_") : command;
  return `spec-kitty.${name}.${agent.ext}`;
}
