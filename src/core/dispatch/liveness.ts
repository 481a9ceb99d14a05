/**
 * The dispatcher's process lookups beyond "who is a process" (which is `fs/owner.ts`): agents found by
 * their environment, and signals to an agent's whole process group.
 */
import { readdirSync, readFileSync } from "node:fs";
import { ownerOf, type ProcessOwner } from "../fs/owner.ts";

/**
 * Processes whose environment carries `name=value` (Linux only; empty elsewhere). Finds an agent
 * started in the instant between spawn and the journal line that records its pid.
 */
export function processesWithEnv(name: string, value: string): ProcessOwner[] {
  let pids: string[];
  try {
    pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const needle = `\0${name}=${value}\0`;
  const found: ProcessOwner[] = [];
  for (const pid of pids) {
    try {
      if (`\0${readFileSync(`/proc/${pid}/environ`, "latin1")}`.includes(needle))
        found.push(ownerOf(Number(pid)));
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
