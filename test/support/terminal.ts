/**
 * The binary under a real pseudo-terminal (util-linux `script`), driven by what is on screen: each step
 * waits until `after` appears, then types `keys`. No sleeps: the screen is the signal.
 */
import { BIN, testEnv } from "./run.ts";

export interface TerminalStep {
  after: string;
  keys: string;
}

/** Runs `spec-kitty <args>` (a shell-quoted string) in a `cols`×`rows` terminal and plays `steps`. */
export async function runInTerminal(
  cwd: string,
  args: string,
  steps: TerminalStep[],
  size: { cols: number; rows: number },
): Promise<{ code: number; output: string }> {
  const command = `stty cols ${size.cols} rows ${size.rows}; '${BIN}' ${args}`;
  const proc = Bun.spawn(["script", "-qec", command, "/dev/null"], {
    cwd,
    env: { ...testEnv(cwd), TERM: "xterm" },
    stdin: "pipe",
    stdout: "pipe",
    stderr: "pipe",
  });
  let output = "";
  let seen = 0;
  const decoder = new TextDecoder();
  const reader = proc.stdout.getReader();
  const pending = [...steps];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    output += decoder.decode(value);
    const next = pending[0];
    const at = next ? output.indexOf(next.after, seen) : -1;
    if (next && at !== -1) {
      seen = output.length; // the next step waits for text drawn after these keys
      pending.shift();
      proc.stdin.write(next.keys);
      await proc.stdin.flush();
    }
  }
  return { code: await proc.exited, output };
}
