/**
 * THE table of how each agent CLI runs headless: its argv, how it gets the prompt, and which
 * environment variables it needs beyond the common set (env.ts). `.kittify/config.yaml`
 * `dispatch.agents.<key>` overrides any field of a row, or adds a row for an agent not listed here.
 *
 * Placeholders in argv: {prompt_file} {prompt} {workspace} {root} {mission} {wp_id} {role} {agent}.
 * Prompt delivery: `stdin` — the prompt file is the agent's standard input (a file, not a pipe: an
 * agent that reads stdin late still gets all of it); `file` — the agent is told the prompt file's path
 * (argv must mention {prompt_file}); `arg` — the prompt text is one argv element ({prompt}, else last).
 * These defaults follow each vendor's documented headless mode; check them against the version you
 * run, and override what differs.
 */
import type { DispatchAgentConfig, DispatchConfig } from "../config.ts";
import { SpecKittyError } from "../errors.ts";

export type PromptDelivery = "stdin" | "file" | "arg";
export type RunRole = "implement" | "review";

export interface AgentInvocation {
  key: string;
  command: string[];
  prompt: PromptDelivery;
  /** Extra environment variable names passed through when set. */
  env: string[];
  /** Seconds per run, null = the dispatch default. */
  timeoutSeconds: number | null;
  source: "built-in" | "config" | "built-in+config";
}

const READ_FILE = "Read {prompt_file} and do exactly what it says.";

/** Each row: argv, prompt delivery, and the credentials and settings that agent reads from its env. */
const BUILT_IN: Readonly<Record<string, Pick<AgentInvocation, "command" | "prompt" | "env">>> = {
  claude: {
    command: [
      "claude",
      "-p",
      "--permission-mode",
      "acceptEdits",
      "--allowedTools",
      "Bash,Read,Edit,Write,Glob,Grep",
      "--add-dir",
      "{root}",
    ],
    prompt: "stdin",
    env: [
      "ANTHROPIC_API_KEY",
      "ANTHROPIC_AUTH_TOKEN",
      "ANTHROPIC_BASE_URL",
      "ANTHROPIC_MODEL",
      "CLAUDE_CONFIG_DIR",
      "CLAUDE_CODE_USE_BEDROCK",
      "CLAUDE_CODE_USE_VERTEX",
      "AWS_REGION",
      "AWS_PROFILE",
      "CLOUD_ML_REGION",
      "ANTHROPIC_VERTEX_PROJECT_ID",
    ],
  },
  codex: {
    command: [
      "codex",
      "exec",
      "--sandbox",
      "workspace-write",
      "--add-dir",
      "{root}",
      "--skip-git-repo-check",
      "-",
    ],
    prompt: "stdin",
    env: ["OPENAI_API_KEY", "OPENAI_BASE_URL", "CODEX_HOME"],
  },
  gemini: {
    command: [
      "gemini",
      "--approval-mode",
      "yolo",
      "--include-directories",
      "{root}",
      "-p",
      "Follow the instructions given on standard input.",
    ],
    prompt: "stdin",
    env: [
      "GEMINI_API_KEY",
      "GOOGLE_API_KEY",
      "GOOGLE_APPLICATION_CREDENTIALS",
      "GOOGLE_CLOUD_PROJECT",
      "GOOGLE_CLOUD_LOCATION",
      "GOOGLE_GENAI_USE_VERTEXAI",
    ],
  },
  qwen: {
    command: [
      "qwen",
      "--approval-mode",
      "yolo",
      "--include-directories",
      "{root}",
      "-p",
      "Follow the instructions given on standard input.",
    ],
    prompt: "stdin",
    env: ["DASHSCOPE_API_KEY", "OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_MODEL"],
  },
  opencode: {
    command: ["opencode", "run", READ_FILE],
    prompt: "file",
    env: ["OPENCODE_CONFIG", "ANTHROPIC_API_KEY", "OPENAI_API_KEY"],
  },
  cursor: { command: ["cursor-agent", "-p", "--force", READ_FILE], prompt: "file", env: ["CURSOR_API_KEY"] },
  copilot: {
    command: ["copilot", "-p", READ_FILE, "--allow-all-tools", "--add-dir", "{root}"],
    prompt: "file",
    env: ["GH_TOKEN", "GITHUB_TOKEN", "COPILOT_GITHUB_TOKEN"],
  },
  auggie: {
    command: ["auggie", "--print", READ_FILE],
    prompt: "file",
    env: ["AUGMENT_SESSION_AUTH", "AUGMENT_API_TOKEN"],
  },
  kilocode: { command: ["kilocode", "--auto", READ_FILE], prompt: "file", env: [] },
  q: {
    command: ["q", "chat", "--no-interactive", "--trust-all-tools", READ_FILE],
    prompt: "file",
    env: ["AWS_REGION", "AWS_PROFILE"],
  },
};

/** Keys with a built-in headless invocation. */
export const HEADLESS_AGENTS: readonly string[] = Object.keys(BUILT_IN);

function merged(
  key: string,
  base: (typeof BUILT_IN)[string] | undefined,
  own: DispatchAgentConfig | undefined,
) {
  const command = own?.command ?? base?.command;
  if (!command) return null;
  const source: AgentInvocation["source"] = base && own ? "built-in+config" : base ? "built-in" : "config";
  return {
    key,
    command: [...command],
    prompt: own?.prompt ?? base?.prompt ?? "stdin",
    env: [...new Set([...(base?.env ?? []), ...(own?.env ?? [])])],
    timeoutSeconds: own?.timeoutSeconds ?? null,
    source,
  } satisfies AgentInvocation;
}

/** The invocation of `key`: the built-in row with the config's overrides, or the config's own row. */
export function invocationFor(key: string, config: DispatchConfig): AgentInvocation {
  const found = merged(key, BUILT_IN[key], config.agents[key]);
  if (found) return found;
  const known = [...new Set([...HEADLESS_AGENTS, ...Object.keys(config.agents)])];
  throw new SpecKittyError("DISPATCH_UNKNOWN_AGENT", `no headless invocation is known for agent '${key}'`, {
    exitCode: 2,
    fix: `use one of: ${known.join(", ")}; or define dispatch.agents.${key}.command in .kittify/config.yaml`,
    details: { agent: key, known },
  });
}

export interface PromptPlacement {
  argv: string[];
  /** The file to open as the agent's standard input; null for "ignore". */
  stdinFile: string | null;
}

/** argv with placeholders filled in and the prompt placed as the invocation says. */
export function buildArgv(
  invocation: AgentInvocation,
  vars: {
    prompt_file: string;
    prompt: string;
    workspace: string;
    root: string;
    mission: string;
    wp_id: string;
    role: RunRole;
  },
): PromptPlacement {
  const values: Record<string, string> = { ...vars, agent: invocation.key };
  const fill = (arg: string) => arg.replace(/\{([a-z_]+)\}/g, (whole, name: string) => values[name] ?? whole);
  const argv = invocation.command.map(fill);
  const mentions = (name: string) => invocation.command.some((arg) => arg.includes(`{${name}}`));
  if (invocation.prompt === "stdin") return { argv, stdinFile: vars.prompt_file };
  if (invocation.prompt === "file" && !mentions("prompt_file")) argv.push(vars.prompt_file);
  if (invocation.prompt === "arg" && !mentions("prompt")) argv.push(vars.prompt);
  return { argv, stdinFile: null };
}
