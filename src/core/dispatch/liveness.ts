/**
 * Is a recorded process still the one we started? A pid alone is not enough (after a crash or a
 * reboot the number is reused), so a process is named by pid, host and — where /proc exists — its
 * start time in clock ticks since boot: a reused pid has another start time, and after a reboot no
 * process has the old one.
 */
import { readdirSync, readFileSync } from "node:fs";
import { hostname } from "node:os";

export interface ProcessRef {
  pid: number;
  host: string;
  /** /proc/<pid>/stat field 22 (start time); null where /proc is not available. */
  start: string | null;
}

interface ProcStat {
  state: string;
  start: string;
}

function procStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may contain spaces: split after the last ')'.
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0] ?? "", start: fields[19] ?? "" };
  } catch {
    return null;
  }
}

export function processRef(pid: number): ProcessRef {
  return { pid, host: hostname(), start: procStat(pid)?.start ?? null };
}

export function selfRef(): ProcessRef {
  return processRef(process.pid);
}

/** True while `ref` names a live process (zombies are dead) on this host. */
export function isAlive(ref: ProcessRef): boolean {
  if (ref.host !== hostname()) return true; // cannot tell from here: assume it runs
  try {
    process.kill(ref.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const stat = procStat(ref.pid);
  if (stat === null) return ref.start === null;
  if (stat.state === "Z" || stat.state === "X") return false;
  return ref.start === null || stat.start === ref.start;
}

/**
 * Processes whose environment carries `name=value` (Linux only; empty elsewhere). Finds an agent
 * started in the instant between spawn and the journal line that records its pid.
 */
export function processesWithEnv(name: string, value: string): ProcessRef[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const needle = `\0${name}=${value}\0`;
  const found: ProcessRef[] = [];
  for (const pid of pids) {
    try {
      if (`\0${readFileSync(`/proc/${pid}/environ`, "latin1")}`.includes(needle))
        found.push(processRef(Number(pid)));
    } catch {
      // not ours to read, or gone
    }
  }
  return found;
}

/** Signals a whole process group (agents run as group leaders); a group already gone is fine. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left to signal
  }
}
