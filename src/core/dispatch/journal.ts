/**
 * The dispatch journal, `.kittify/runtime/dispatch/<slug>/`: `owner.json` (which process dispatches the
 * mission, with what options; written atomically) and `runs.jsonl` (one line per step of every run,
 * appended with one write and an fsync). Ownership is decided, and owner.json written, under ONE lock
 * (`journal.lock`, see claim.ts); only the owner appends runs. The WP lanes themselves stay in the
 * status log: the journal only knows which agent processes exist, so that a crash never leads to two
 * runs of one WP at once.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { checkFile } from "../../schema/check.ts";
import {
  type DispatchOwner,
  type DispatchRunLine,
  dispatchOwnerSchema,
  dispatchRunLine,
} from "../../schema/dispatch-journal.ts";
import { nowIso } from "../clock.ts";
import { appendLines } from "../fs/append.ts";
import { writeJsonAtomic } from "../fs/atomic.ts";
import { withLock } from "../fs/lock.ts";
import type { ProcessOwner } from "../fs/owner.ts";
import { checkDestinations, containedPath, resolveInside } from "../fs/safe-path.ts";
import { parseJson, readTextFile } from "../fs/text.ts";

export type { DispatchOwner, DispatchRunLine } from "../../schema/dispatch-journal.ts";
export type RunStatus = NonNullable<DispatchRunLine["status"]>;

export interface DispatchOptions {
  agents: string[];
  max: number;
  reviewBy: string | null;
  timeoutSeconds: number;
  maxAttempts: number;
  maxCycles: number;
  merge: boolean;
}

/** A run as the journal knows it: its first line, plus its pid and end once recorded. */
export interface RunRecord {
  runId: string;
  wpId: string;
  role: DispatchRunLine["role"];
  agent: string;
  attempt: number;
  laneId: string | null;
  workspace: string | null;
  log: string | null;
  process: ProcessOwner | null;
  /** Epoch ms after which the run is killed. */
  deadline: number | null;
  ended: { status: RunStatus; exitCode: number | null; laneAfter: string | null } | null;
}

export function dispatchDirRel(slug: string): string {
  return join(".kittify", "runtime", "dispatch", slug);
}

export class Journal {
  /** The journal's directory, under `root` as the caller gave it (a symlinked project path kept). */
  readonly dir: string;
  /** The same, relative to `root`: what containment checks are given (never a resolved path). */
  readonly rel: string;

  constructor(
    readonly root: string,
    readonly slug: string,
  ) {
    this.rel = dispatchDirRel(slug);
    // The slug comes from disk: the journal stays inside the project whatever it says.
    this.dir = containedPath(root, this.rel);
    // Every place of the journal, before anything is read or written: inside the project (the runs'
    // temp dirs and the lock included), and the two files it writes absent or plain single-link files.
    checkDestinations(root, [join(this.rel, "owner.json"), join(this.rel, "runs.jsonl")]);
    resolveInside(root, join(this.rel, "journal.lock"));
    resolveInside(root, join(this.rel, "tmp"));
  }

  get ownerPath(): string {
    return join(this.dir, "owner.json");
  }

  get runsPath(): string {
    return join(this.dir, "runs.jsonl");
  }

  exists(): boolean {
    return existsSync(this.ownerPath);
  }

  /** The one lock of the journal. Held only for short read-decide-write steps, never during a run. */
  locked<T>(fn: () => Promise<T> | T): Promise<T> {
    mkdirSync(this.dir, { recursive: true });
    return withLock(join(this.dir, "journal.lock"), fn, { timeoutMs: 30_000 });
  }

  readOwner(): DispatchOwner | null {
    if (!existsSync(this.ownerPath)) return null;
    const name = join(this.rel, "owner.json");
    return checkFile(dispatchOwnerSchema, parseJson(readTextFile(this.ownerPath, name), name), name);
  }

  writeOwner(owner: DispatchOwner): void {
    mkdirSync(this.dir, { recursive: true });
    writeJsonAtomic(this.ownerPath, { ...owner, updated_at: nowIso() });
  }

  /** Every line of runs.jsonl. A torn last line (power loss mid-append) is ignored; any other bad line is an error. */
  readLines(): DispatchRunLine[] {
    if (!existsSync(this.runsPath)) return [];
    const name = join(this.rel, "runs.jsonl");
    const text = readTextFile(this.runsPath, name);
    const lines = text.split("\n");
    const out: DispatchRunLine[] = [];
    lines.forEach((line, index) => {
      if (line.trim() === "") return;
      const torn = index === lines.length - 1; // no newline after it: the append never finished
      const label = `${name} line ${index + 1}`;
      try {
        out.push(checkFile(dispatchRunLine, parseJson(line, label), label));
      } catch (error) {
        if (!torn) throw error;
      }
    });
    return out;
  }

  /** Appends lines (the caller holds the lock). */
  append(lines: DispatchRunLine[]): void {
    mkdirSync(this.dir, { recursive: true });
    appendLines(
      this.runsPath,
      lines.map((line) => JSON.stringify(line)),
    );
  }
}

/** The runs of the journal, folded from its lines, in the order they began. */
export function foldRuns(lines: readonly DispatchRunLine[]): Map<string, RunRecord> {
  const runs = new Map<string, RunRecord>();
  for (const line of lines) {
    let run = runs.get(line.run_id);
    if (!run) {
      run = {
        runId: line.run_id,
        wpId: line.wp_id,
        role: line.role,
        agent: line.agent,
        attempt: line.attempt,
        laneId: line.lane_id ?? null,
        workspace: line.workspace ?? null,
        log: line.log ?? null,
        process: null,
        deadline: line.deadline ?? null,
        ended: null,
      };
      runs.set(line.run_id, run);
    }
    if (line.event === "started" && line.pid !== undefined) {
      run.process = { pid: line.pid, host: line.host ?? "", start: line.proc_start ?? null };
      run.deadline = line.deadline ?? run.deadline;
    }
    if (line.event === "ended") {
      run.ended = {
        status: line.status ?? "failed",
        exitCode: line.exit_code ?? null,
        laneAfter: line.lane_after ?? null,
      };
    }
  }
  return runs;
}
