/**
 * `spec-kitty dispatch`: runs headless agents over a mission's lanes until nothing is left that they
 * can do. Each round reads the status log, asks `schedule` what may start, and starts it; a finished
 * run wakes the loop. Everything a crash could lose is in the journal; everything about the WPs is in
 * the status log, so a resumed dispatcher needs nothing else.
 */
import { relative } from "node:path";
import { nowIso } from "../clock.ts";
import type { DispatchConfig } from "../config.ts";
import { isSpecKittyError } from "../errors.ts";
import { currentOwner } from "../fs/owner.ts";
import { laneForWp, requireLanes } from "../lanes/lookup.ts";
import type { MissionRef } from "../mission/resolve.ts";
import type { StatusLane } from "../status/lane.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { laneOf } from "../status/reducer.ts";
import { dependenciesOf, listWpFiles } from "../tasks/wp-list.ts";
import { invocationFor } from "./agents.ts";
import { claimDispatch } from "./claim.ts";
import type { DispatchEvent, DispatchSummary, RunInfo, RunOutcome } from "./events.ts";
import { type DispatchOptions, Journal, type RunRecord } from "./journal.ts";
import {
  failureNote,
  judge,
  logPathOf,
  type RunContextDeps,
  recordEnd,
  type StartedRun,
  startRun,
} from "./run.ts";
import { type PlannedRun, type ScheduleInput, schedule } from "./schedule.ts";
import type { AgentExit, AgentProcess } from "./spawn.ts";
import { watchProcess } from "./spawn.ts";
import { buildSummary, mergeAtEnd, wpOutcomes } from "./summary.ts";

export interface DispatchRequest {
  mission: MissionRef;
  options: DispatchOptions;
  config: DispatchConfig;
  /** The dispatcher's environment; agents get a filtered copy (env.ts). */
  env: Record<string, string | undefined>;
  onEvent: (event: DispatchEvent) => void;
  /** The status-log merge driver command, for `--merge`. */
  selfDir: string | null;
}

interface Active {
  run: StartedRun;
  interrupted: boolean;
  done: Promise<void>;
}

export class Dispatcher {
  private readonly journal: Journal;
  private readonly deps: RunContextDeps;
  private readonly active = new Map<string, Active>();
  private readonly parked = new Map<string, string>();
  private readonly failures = new Map<string, number>();
  private readonly rejections = new Map<string, number>();
  private readonly outcomes: RunOutcome[] = [];
  private readonly attempts = new Map<string, number>();
  private stopping = false;
  private hardStop = false;
  private wake: () => void = () => undefined;

  constructor(private readonly req: DispatchRequest) {
    this.journal = new Journal(req.mission.root, req.mission.slug);
    this.deps = {
      mission: req.mission,
      journal: this.journal,
      config: req.config,
      env: req.env,
      timeoutSeconds: req.options.timeoutSeconds,
    };
  }

  /** Ctrl-C: the first stops starting runs; the second also ends the running ones. */
  stop(): void {
    if (this.stopping) this.hardStop = true;
    this.stopping = true;
    if (this.hardStop)
      for (const a of this.active.values()) {
        a.interrupted = true;
        a.run.child.terminate();
      }
    this.emit({ event: "stopping", at: nowIso(), running: [...this.active.keys()], hard: this.hardStop });
    this.wake();
  }

  private emit(event: DispatchEvent): void {
    this.req.onEvent(event);
  }

  async run(): Promise<DispatchSummary> {
    const { options, mission } = this.req;
    // Every agent must be runnable before anything is claimed.
    for (const agent of new Set([...options.agents, ...(options.reviewBy ? [options.reviewBy] : [])]))
      invocationFor(agent, this.req.config);
    const lanes = this.lanesInOrder();
    const claim = await claimDispatch(this.journal, options);
    for (const run of claim.runs.values()) {
      const key = `${run.wpId}-${run.role}`;
      this.attempts.set(key, Math.max(this.attempts.get(key) ?? 0, run.attempt));
    }
    this.emit({
      event: "dispatch_started",
      at: nowIso(),
      mission_slug: mission.slug,
      agents: options.agents,
      review_by: options.reviewBy,
      max: options.max,
      timeout_seconds: options.timeoutSeconds,
      adopted: claim.adopted.map((r) => r.runId),
      recovered: claim.recovered.map((r) => r.runId),
    });
    for (const record of claim.adopted) this.adopt(record);
    try {
      await this.loop(lanes);
    } finally {
      const owner = this.journal.readOwner();
      if (owner && owner.pid === currentOwner().pid) {
        await this.journal.locked(() =>
          this.journal.writeOwner({ ...owner, state: this.stopping ? "stopped" : "finished" }),
        );
      }
    }
    return this.finish(claim.adopted, claim.recovered);
  }

  /** The lanes of lanes.json with their WPs (in lane order) and each WP's dependencies. */
  private lanesInOrder(): ScheduleInput["lanes"] {
    const manifest = requireLanes(this.req.mission);
    const deps = new Map(listWpFiles(this.req.mission).map((wp) => [wp.id, dependenciesOf(wp)]));
    return manifest.lanes.map((lane) => ({
      laneId: lane.lane_id,
      wps: lane.wp_ids.map((id) => ({ id, laneId: lane.lane_id, dependencies: deps.get(id) ?? [] })),
    }));
  }

  private async loop(lanes: ScheduleInput["lanes"]): Promise<void> {
    for (;;) {
      if (!this.stopping) {
        const snapshot = loadSnapshot(this.req.mission);
        const plans = schedule({
          lanes,
          laneOf: (id) => laneOf(snapshot, id),
          holderOf: (id) => snapshot.work_packages[id]?.actor ?? null,
          agents: this.req.options.agents,
          reviewer: this.req.options.reviewBy,
          busyLanes: new Set([...this.active.values()].map((a) => a.run.info.lane_id)),
          parked: new Set(this.parked.keys()),
          capacity: this.req.options.max - this.active.size,
        });
        for (const plan of plans) {
          if (this.stopping) break;
          await this.begin(plan);
        }
      }
      if (this.active.size === 0) {
        // A refused start parks its WP, which may free the lane for its next WP: look again.
        if (!this.stopping && this.hasWork(lanes)) continue;
        return;
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        for (const a of this.active.values()) a.done.then(resolve, resolve);
      });
    }
  }

  /** Whether another round could start something (after a refusal parked a WP). */
  private hasWork(lanes: ScheduleInput["lanes"]): boolean {
    const snapshot = loadSnapshot(this.req.mission);
    return (
      schedule({
        lanes,
        laneOf: (id) => laneOf(snapshot, id),
        holderOf: (id) => snapshot.work_packages[id]?.actor ?? null,
        agents: this.req.options.agents,
        reviewer: this.req.options.reviewBy,
        busyLanes: new Set(),
        parked: new Set(this.parked.keys()),
        capacity: 1,
      }).length > 0
    );
  }

  private nextAttempt(wpId: string, role: string): number {
    const key = `${wpId}-${role}`;
    const n = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, n);
    return n;
  }

  private async begin(plan: PlannedRun): Promise<void> {
    const attempt = this.nextAttempt(plan.wpId, plan.role);
    const spec = { ...plan, runId: `${plan.wpId}-${plan.role}-${attempt}`, attempt };
    let started: StartedRun;
    try {
      started = await startRun(this.deps, spec);
    } catch (error) {
      // The WP cannot be taken (held by someone else, its worktree refused, setup failed): retrying
      // in this dispatch would fail the same way, so it is parked and the reason reported.
      const code = isSpecKittyError(error) ? error.code : "INTERNAL";
      const message = error instanceof Error ? error.message : String(error);
      this.parked.set(plan.wpId, `could not start ${plan.role}: ${message}`);
      this.emit({
        event: "run_refused",
        at: nowIso(),
        run_id: spec.runId,
        wp_id: plan.wpId,
        role: plan.role,
        agent: plan.agent,
        error_code: code,
        message,
      });
      return;
    }
    this.emit({ event: "run_started", at: nowIso(), resumed: plan.resume, ...started.info });
    this.track(started);
  }

  /** Watches a run whose agent outlived the previous dispatcher: its WP is not started again meanwhile. */
  private adopt(record: RunRecord): void {
    const ref = record.process;
    if (!ref) return;
    const laneId = record.laneId ?? laneForWp(this.req.mission, record.wpId).laneId;
    const deadline = record.deadline ?? Date.now() + this.req.options.timeoutSeconds * 1000;
    const child: AgentProcess = watchProcess(ref, deadline);
    const info: RunInfo = {
      run_id: record.runId,
      wp_id: record.wpId,
      role: record.role,
      agent: record.agent,
      attempt: record.attempt,
      lane_id: laneId,
      workspace: record.workspace ?? "",
      log: record.log ?? relative(this.req.mission.root, logPathOf(this.journal, record.runId)),
      pid: ref.pid,
    };
    this.emit({ event: "run_adopted", at: nowIso(), ...info });
    this.track({ info, child, startedAt: Date.now(), deadline });
  }

  private track(run: StartedRun): void {
    const entry: Active = { run, interrupted: false, done: Promise.resolve() };
    entry.done = run.child.exited.then((exit) => this.settle(entry, exit));
    this.active.set(run.info.run_id, entry);
  }

  private settle(entry: Active, exit: AgentExit): void {
    const { info } = entry.run;
    this.active.delete(info.run_id);
    const lane: StatusLane = laneOf(loadSnapshot(this.req.mission), info.wp_id);
    const status = judge(info.role, lane, exit, entry.interrupted);
    const note = failureNote(info.role, status, exit, lane);
    const seconds = (Date.now() - entry.run.startedAt) / 1000;
    recordEnd(this.deps, info, status, exit, lane, note, seconds);
    const parked = this.count(info, status, note);
    this.outcomes.push({
      run_id: info.run_id,
      wp_id: info.wp_id,
      role: info.role,
      agent: info.agent,
      status,
      exit_code: exit.exitCode,
      seconds,
      log: info.log,
    });
    this.emit({
      event: "run_finished",
      at: nowIso(),
      ...info,
      status,
      exit_code: exit.exitCode,
      lane,
      seconds,
      parked,
    });
  }

  /** Counts failures and rejections; parks the WP when it used up its attempts or review cycles. */
  private count(info: RunInfo, status: string, note: string | null): string | null {
    const { maxAttempts, maxCycles } = this.req.options;
    if (status === "rejected") {
      const n = (this.rejections.get(info.wp_id) ?? 0) + 1;
      this.rejections.set(info.wp_id, n);
      if (n >= maxCycles)
        this.parked.set(info.wp_id, `rejected ${n} time(s) in review (--max-cycles ${maxCycles})`);
    } else if (status === "failed" || status === "timeout" || status === "interrupted") {
      const n = (this.failures.get(info.wp_id) ?? 0) + 1;
      this.failures.set(info.wp_id, n);
      if (status === "interrupted") this.parked.set(info.wp_id, note ?? "interrupted");
      else if (n >= maxAttempts)
        this.parked.set(info.wp_id, `${note} (${n} failed run(s), --max-attempts ${maxAttempts})`);
    }
    return this.parked.get(info.wp_id) ?? null;
  }

  private async finish(adopted: RunRecord[], recovered: RunRecord[]): Promise<DispatchSummary> {
    const { mission, options } = this.req;
    const outcomesNow = () => wpOutcomes(mission, loadSnapshot(mission), this.parked, options, this.stopping);
    let wps = outcomesNow();
    const complete = wps.every((wp) => wp.note === null);
    let merged = false;
    let mergeError: DispatchSummary["merge_error"] = null;
    if (options.merge && complete && !this.stopping) {
      ({ merged, mergeError } = await mergeAtEnd(mission, this.req, (event) => this.emit(event)));
      if (merged) wps = outcomesNow();
    }
    const summary = buildSummary({
      mission,
      wps,
      complete,
      interrupted: this.stopping,
      runs: this.outcomes,
      adopted,
      recovered,
      merged,
      mergeError,
    });
    this.emit({ event: "dispatch_finished", at: nowIso(), ...summary });
    return summary;
  }
}
