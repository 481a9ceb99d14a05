/**
 * Running one agent process: in its own process group (so a timeout or a second Ctrl-C can stop it
 * and everything it started, and so the terminal's Ctrl-C never reaches it), its stdout and stderr
 * written straight into the run's log file by the OS (the agent keeps writing even if the
 * dispatcher dies), its prompt on stdin from a file when the invocation says so.
 */
import { closeSync, fstatSync, openSync, writeSync } from "node:fs";
import { openForAppend } from "../fs/append.ts";
import { isAlive, type ProcessOwner } from "../fs/owner.ts";
import { checkWritableTarget } from "../fs/safe-path.ts";
import { signalGroup } from "./liveness.ts";

export interface AgentProcessSpec {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  stdinFile: string | null;
  logPath: string;
  /** Epoch ms at which the process group gets SIGTERM (then SIGKILL after `graceMs`). */
  deadline: number;
  graceMs?: number;
}

export interface AgentExit {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Why the process could not start at all (the CLI is not installed, …). */
  spawnError: string | null;
}

export interface AgentProcess {
  pid: number;
  exited: Promise<AgentExit>;
  /** Ends the run now: SIGTERM to its group, SIGKILL after the grace period. */
  terminate(): void;
}

/**
 * Adds text to a run's log (never through a symlink or hard link in its place). A plain log, read by
 * people: one write, no fsync (the JSONL files' appender does that, under their lock).
 */
export function appendLog(path: string, text: string): void {
  const fd = openForAppend(path);
  try {
    // Checked on the open file: what we append to is what we checked (a plain file with one link).
    checkWritableTarget(path, fstatSync(fd));
    const bytes = Buffer.from(text, "utf8");
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
  } finally {
    closeSync(fd);
  }
}

/** SIGTERM now, SIGKILL after `graceMs` unless `gone()` says the group leader has exited. */
function stopGroup(pid: number, graceMs: number, gone: () => boolean): void {
  signalGroup(pid, "SIGTERM");
  const timer = setTimeout(() => {
    if (!gone()) signalGroup(pid, "SIGKILL");
  }, graceMs);
  timer.unref?.();
}

export function spawnAgent(spec: AgentProcessSpec): AgentProcess {
  const graceMs = spec.graceMs ?? 5000;
  const log = openForAppend(spec.logPath);
  const stdin = spec.stdinFile === null ? null : openSync(spec.stdinFile, "r");
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = Bun.spawn(spec.argv, {
      cwd: spec.cwd,
      env: spec.env,
      stdin: stdin ?? "ignore",
      stdout: log,
      stderr: log,
      detached: true,
    });
  } catch (error) {
    const message = `cannot start ${spec.argv[0]}: ${(error as Error).message}`;
    return {
      pid: 0,
      exited: Promise.resolve({ exitCode: null, signal: null, timedOut: false, spawnError: message }),
      terminate: () => undefined,
    };
  } finally {
    // The child has its own copies of the descriptors.
    closeSync(log);
    if (stdin !== null) closeSync(stdin);
  }
  const pid = proc.pid;
  let timedOut = false;
  let done = false;
  const timer = setTimeout(
    () => {
      timedOut = true;
      stopGroup(pid, graceMs, () => done);
    },
    Math.max(0, spec.deadline - Date.now()),
  );
  const exited = proc.exited.then((code) => {
    done = true;
    clearTimeout(timer);
    // Whatever the agent left running in its group (a dev server, a watcher) goes with it.
    signalGroup(pid, "SIGTERM");
    const signal = proc.signalCode === null || proc.signalCode === undefined ? null : String(proc.signalCode);
    return { exitCode: signal === null ? code : null, signal, timedOut, spawnError: null };
  });
  return { pid, exited, terminate: () => stopGroup(pid, graceMs, () => done) };
}

/**
 * Watches a process this dispatcher did not start (an agent that outlived a crashed dispatcher)
 * until it exits, enforcing its recorded deadline. Its exit code is not knowable: null.
 */
export function watchProcess(ref: ProcessOwner, deadline: number, graceMs = 5000): AgentProcess {
  let timedOut = false;
  let stopping = false;
  const exited = new Promise<AgentExit>((resolve) => {
    const tick = () => {
      if (!isAlive(ref)) return resolve({ exitCode: null, signal: null, timedOut, spawnError: null });
      if (!stopping && Date.now() >= deadline) {
        timedOut = true;
        stopping = true;
        stopGroup(ref.pid, graceMs, () => !isAlive(ref));
      }
      setTimeout(tick, 200);
    };
    tick();
  });
  return {
    pid: ref.pid,
    exited,
    terminate: () => {
      stopping = true;
      stopGroup(ref.pid, graceMs, () => !isAlive(ref));
    },
  };
}
