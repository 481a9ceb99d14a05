/**
 * Who a process is, in a form other processes can check later: pid, host and (on Linux) the kernel's
 * start time of the process, so a recycled pid is never mistaken for the process that wrote a lock or
 * a journal. Used to take over the locks and the merge journal of processes that died.
 */
import { readFileSync } from "node:fs";
import { hostname } from "node:os";

export interface ProcessOwner {
  pid: number;
  host: string;
  /** Start time in clock ticks since boot (`/proc/<pid>/stat` field 22); null where there is no /proc. */
  start: string | null;
}

/** `alive`: running on this host; `dead`: known gone; `unknown`: on another host, so it cannot be checked. */
export type OwnerState = "alive" | "dead" | "unknown";

let host: string | undefined;

export function thisHost(): string {
  host ??= hostname();
  return host;
}

/** State and start time from `/proc/<pid>/stat`, or null where there is no such file. */
function procStat(pid: number): { state: string; start: string } | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "latin1");
  } catch {
    return null;
  }
  // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so fields count from the last ')'.
  const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", start: fields[19] ?? "" };
}

/** The process `pid` on this host, as a record to check later. */
export function ownerOf(pid: number): ProcessOwner {
  return { pid, host: thisHost(), start: procStat(pid)?.start ?? null };
}

let self: ProcessOwner | undefined;

/** This process. */
export function currentOwner(): ProcessOwner {
  self ??= ownerOf(process.pid);
  return self;
}

/**
 * Whether the process that recorded `owner` still runs. A zombie (killed, not yet reaped by its
 * parent) is dead: it holds nothing and will never release anything. A live pid with another start
 * time is a different process that reuses the number (also for one we may not signal, EPERM).
 */
export function ownerState(owner: { pid: number; host?: string | null; start?: string | null }): OwnerState {
  if (owner.host && owner.host !== thisHost()) return "unknown";
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return "dead";
  if (owner.pid === process.pid) {
    // Our own pid: this process (another caller in it), unless the record is from an earlier process
    // that had the same pid (a container restarted under the same host name).
    const mine = currentOwner().start;
    return owner.start && mine && owner.start !== mine ? "dead" : "alive";
  }
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: a process we may not signal exists; its start time below still tells a reused pid apart.
    if ((error as { code?: string }).code !== "EPERM") return "dead";
  }
  const stat = procStat(owner.pid);
  if (stat === null) return "alive";
  if (stat.state === "Z" || stat.state === "X") return "dead";
  if (owner.start && stat.start !== owner.start) return "dead";
  return "alive";
}

/** Whether `owner` may still run: not known dead (one on another host is assumed to run). */
export function isAlive(owner: { pid: number; host?: string | null; start?: string | null }): boolean {
  return ownerState(owner) !== "dead";
}
