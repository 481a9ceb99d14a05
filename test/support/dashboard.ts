/** The compiled binary's `dashboard --json`, started as a real process for end-to-end tests and benches. */
import type { Subprocess } from "bun";
import { BIN, testEnv } from "./run.ts";

export interface RunningDashboard {
  proc: Subprocess<"ignore", "pipe", "pipe">;
  url: string;
  port: number;
  pid: number;
  /** Sends `signal` and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number>;
}

/** Starts the dashboard in `root` and waits for its one-line `{url, port, pid}` document. */
export async function startDashboardProcess(
  root: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
  bin = BIN,
): Promise<RunningDashboard> {
  const proc = Bun.spawn([bin, "dashboard", "--json", ...args], {
    cwd: root,
    env: testEnv(root, env),
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const reader = proc.stdout.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while (!text.includes("\n")) {
    const { value, done } = await reader.read();
    if (done) {
      const stderr = await new Response(proc.stderr).text();
      throw new Error(`dashboard exited before printing its URL (code ${await proc.exited}): ${stderr}`);
    }
    text += decoder.decode(value, { stream: true });
  }
  reader.releaseLock();
  const doc = JSON.parse(text.slice(0, text.indexOf("\n"))) as { url: string; port: number; pid: number };
  return {
    proc,
    ...doc,
    stop: async (signal = "SIGTERM") => {
      proc.kill(signal);
      return proc.exited;
    },
  };
}
