/**
 * The environment an agent run gets: nothing of the dispatcher's own environment except a fixed set
 * of names a CLI needs to work at all (locale, proxies, certificates, git identity), the agent's own
 * credentials (its row in agents.ts, plus `dispatch.agents.<key>.env`), and the run's context. So one
 * vendor's key never reaches another vendor's CLI, and a stray variable of the session that started
 * the dispatcher does not change what an agent does.
 */
import { basename, dirname, join } from "node:path";
import type { AgentInvocation, RunRole } from "./agents.ts";

/** Passed through when set, for every agent. */
export const COMMON_ENV: readonly string[] = [
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "LANG",
  "LANGUAGE",
  "LC_ALL",
  "LC_CTYPE",
  "LC_MESSAGES",
  "TZ",
  "XDG_CONFIG_HOME",
  "XDG_DATA_HOME",
  "XDG_CACHE_HOME",
  "XDG_STATE_HOME",
  "XDG_RUNTIME_DIR",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "ALL_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "all_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "NODE_EXTRA_CA_CERTS",
  "GIT_AUTHOR_NAME",
  "GIT_AUTHOR_EMAIL",
  "GIT_COMMITTER_NAME",
  "GIT_COMMITTER_EMAIL",
  "GIT_CONFIG_GLOBAL",
  "GIT_CONFIG_NOSYSTEM",
  "SPEC_KITTY_HOME",
];

export interface RunContext {
  mission: string;
  wpId: string;
  role: RunRole;
  runId: string;
  promptFile: string;
  workspace: string;
  /** The run's own temp directory (builds and tests in one lane never share temp files with another). */
  tmpDir: string;
}

/**
 * The directory holding the running spec-kitty binary, when this process is one (not `bun` running
 * the sources): put first on the agent's PATH so the `spec-kitty` commands in its prompt run this
 * same version.
 */
export function ownBinDir(execPath: string = process.execPath): string | null {
  return basename(execPath).startsWith("spec-kitty") ? dirname(execPath) : null;
}

export function agentEnv(
  from: Record<string, string | undefined>,
  invocation: AgentInvocation,
  ctx: RunContext,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of [...COMMON_ENV, ...invocation.env]) {
    const value = from[name];
    if (value !== undefined) env[name] = value;
  }
  const bin = ownBinDir();
  const path = env.PATH ?? "/usr/local/bin:/usr/bin:/bin";
  env.PATH = bin && !path.split(":").includes(bin) ? `${bin}:${path}` : path;
  env.TMPDIR = ctx.tmpDir;
  env.NO_COLOR = "1";
  env.SPEC_KITTY_DISPATCH_RUN = ctx.runId;
  env.SPEC_KITTY_MISSION = ctx.mission;
  env.SPEC_KITTY_WP = ctx.wpId;
  env.SPEC_KITTY_ROLE = ctx.role;
  env.SPEC_KITTY_AGENT = invocation.key;
  env.SPEC_KITTY_PROMPT_FILE = ctx.promptFile;
  env.SPEC_KITTY_WORKSPACE = ctx.workspace;
  return env;
}

export function runTmpDir(runtimeDir: string, runId: string): string {
  return join(runtimeDir, "tmp", runId);
}
