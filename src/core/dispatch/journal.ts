/**
 * The dispatch journal, `.kittify/runtime/dispatch/<slug>/`: `owner.json` (which process dispatches the
 * mission, with what options; written atomically) and `runs.jsonl` (one line per step of every run,
 * appended with one write and an fsync). Every read-decide-write of either happens under ONE lock,
 * `journal.lock`. The WP lanes themselves stay in the status log: the journal only knows which agent
 * processes exist, so that a crash never leads to two runs of one WP at once.
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
import { SpecKittyError } from "../errors.ts";
import { appendLines } from "../fs/append.ts";
import { writeJsonAtomic } from "../fs/atomic.ts";
import { withLock } from "../fs/lock.ts";
import { resolveInside } from "../fs/safe-path.ts";
import { parseJson, readTextFile } from "../fs/text.ts";
import { excludeLocally } from "../git/exclude.ts";
import { isAlive, type ProcessRef, processesWithEnv, selfRef } from "./liveness.ts";

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
  process: ProcessRef | null;
  /** Epoch ms after which the run is killed. */
  deadline: number | null;
  ended: { status: RunStatus; exitCode: number | null; laneAfter: string | null } | null;
}

export function dispatchDirRel(slug: string): string {
  return join(".kittify", "runtime", "dispatch", slug);
}

export class Journal {
  readonly dir: string;
  private readonly rel: string;

  constructor(
    readonly root: string,
    readonly slug: string,
  ) {
    this.rel = dispatchDirRel(slug);
    // The slug comes from disk: the journal stays inside the project whatever it says.
    this.dir = resolveInside(root, this.rel);
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

/** The process of an unfinished run, if it is still alive (found by its env when its pid never made it to the journal). */
export function liveProcessOf(run: RunRecord): ProcessRef | null {
  if (run.process) return isAlive(run.process) ? run.process : null;
  return processesWithEnv("SPEC_KITTY_DISPATCH_RUN", run.runId).find(isAlive) ?? null;
}

export interface Claim {
  owner: DispatchOwner;
  /** The previous owner record, when there was one (a resume, or a re-run after a crash). */
  previous: DispatchOwner | null;
  runs: Map<string, RunRecord>;
  /** Unfinished runs whose agent still runs: the new dispatcher watches them instead of starting others. */
  adopted: RunRecord[];
  /** Unfinished runs whose agent is gone: recorded as `lost`; their WPs are picked up again. */
  recovered: RunRecord[];
}

const ownerOptions = (options: DispatchOptions): DispatchOwner["options"] => ({
  agents: options.agents,
  max: options.max,
  review_by: options.reviewBy,
  timeout_seconds: options.timeoutSeconds,
  max_attempts: options.maxAttempts,
  max_cycles: options.maxCycles,
  merge: options.merge,
});

export function optionsOf(owner: DispatchOwner): DispatchOptions {
  const o = owner.options;
  return {
    agents: o.agents,
    max: o.max,
    reviewBy: o.review_by,
    timeoutSeconds: o.timeout_seconds,
    maxAttempts: o.max_attempts,
    maxCycles: o.max_cycles,
    merge: o.merge,
  };
}

/** Reads the previous owner (for --resume) without claiming anything. */
export function previousOwner(root: string, slug: string): DispatchOwner | null {
  return new Journal(root, slug).readOwner();
}

/**
 * Becomes the mission's dispatcher: refuses while another live dispatcher owns it, then sorts the
 * runs a crashed dispatcher left unfinished into adopted (agent alive) and recovered (agent dead).
 */
export async function claimDispatch(journal: Journal, options: DispatchOptions): Promise<Claim> {
  // `.kittify/runtime/` is scratch space: never untracked noise, never in an agent's `git add -A`.
  excludeLocally(journal.root, ".kittify/runtime");
  return journal.locked(() => {
    const previous = journal.readOwner();
    if (previous && (previous.state === "running" || previous.state === "stopping")) {
      const ref: ProcessRef = { pid: previous.pid, host: previous.host, start: previous.proc_start };
      if (ref.pid !== process.pid && isAlive(ref)) {
        throw new SpecKittyError(
          "DISPATCH_RUNNING",
          `mission ${journal.slug} is being dispatched by pid ${previous.pid} on ${previous.host}`,
          {
            fix: `wait for it, or stop it with Ctrl-C (or \`kill ${previous.pid}\`); if that host is gone, delete ${join(dispatchDirRel(journal.slug), "owner.json")}`,
            details: { pid: previous.pid, host: previous.host, started_at: previous.started_at },
          },
        );
      }
    }
    const runs = foldRuns(journal.readLines());
    const adopted: RunRecord[] = [];
    const recovered: RunRecord[] = [];
    for (const run of runs.values()) {
      if (run.ended) continue;
      const live = liveProcessOf(run);
      if (live) {
        run.process = live;
        adopted.push(run);
      } else recovered.push(run);
    }
    const at = nowIso();
    journal.append(
      recovered.map((run) => ({
        run_id: run.runId,
        event: "ended" as const,
        at,
        wp_id: run.wpId,
        role: run.role,
        agent: run.agent,
        attempt: run.attempt,
        status: "lost" as const,
        exit_code: null,
        message: "the dispatcher stopped before this run ended, and its agent is gone",
      })),
    );
    for (const run of recovered) run.ended = { status: "lost", exitCode: null, laneAfter: null };
    const me = selfRef();
    const owner: DispatchOwner = {
      version: 1,
      mission_slug: journal.slug,
      pid: me.pid,
      host: me.host,
      proc_start: me.start,
      started_at: at,
      updated_at: at,
      state: "running",
      options: ownerOptions(options),
    };
    journal.writeOwner(owner);
    return { owner, previous, runs, adopted, recovered };
  });
}
