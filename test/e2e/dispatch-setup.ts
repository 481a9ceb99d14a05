/**
 * Set-up for the dispatch end-to-end tests: a finalized, committed copy of fixtures/dispatch-mission
 * (six WPs in three lanes: WP01→WP02, WP03→WP04, WP05→WP06) with fake agent CLIs first on PATH, and
 * helpers to run the compiled binary in the foreground or in the background (reading its --events).
 */
import { expect } from "bun:test";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeAgents, installFakeAgents } from "../support/fake-agents.ts";
import { copyFixture } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { BIN, type RunResult, runBin, testEnv } from "../support/run.ts";

export const SLUG = "001-shop-backend";
export const WPS = ["WP01", "WP02", "WP03", "WP04", "WP05", "WP06"];
export const DISPATCH_DIR = join(".kittify", "runtime", "dispatch", SLUG);

export interface DispatchProject {
  root: string;
  agents: FakeAgents;
  env: Record<string, string>;
  sk: (args: string[], extraEnv?: Record<string, string>) => Promise<RunResult>;
  lanes: () => Record<string, string>;
  /** The journal's run lines. */
  runLines: () => Record<string, unknown>[];
}

export async function dispatchProject(configExtra = ""): Promise<DispatchProject> {
  const root = copyFixture("dispatch-mission");
  if (configExtra) {
    const path = join(root, ".kittify", "config.yaml");
    writeFileSync(path, `${readFileSync(path, "utf8")}${configExtra}`);
  }
  initRepo(root);
  const agents = installFakeAgents(join(root, "..", "bin"), ["claude", "codex", "gemini"]);
  const env = { ...gitEnv(), PATH: `${agents.bin}:${process.env.PATH ?? "/usr/bin:/bin"}` };
  const sk = (args: string[], extraEnv: Record<string, string> = {}) =>
    runBin(args, { cwd: root, env: { ...env, ...extraEnv } });
  const fin = await sk(["agent", "mission", "finalize-tasks", "--mission", SLUG, "--json"]);
  expect(fin.code).toBe(0);
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "finalize tasks");
  const lanes = () => {
    const status = JSON.parse(readFileSync(join(root, "kitty-specs", SLUG, "status.json"), "utf8")) as {
      work_packages: Record<string, { lane: string }>;
    };
    return Object.fromEntries(Object.entries(status.work_packages).map(([id, s]) => [id, s.lane]));
  };
  const runLines = () =>
    readFileSync(join(root, DISPATCH_DIR, "runs.jsonl"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  return { root, agents, env, sk, lanes, runLines };
}

export function dispatchArgs(...more: string[]): string[] {
  return ["dispatch", "--mission", SLUG, ...more];
}

/** A dispatcher running in the background with --events; `next(pred)` waits for a matching event. */
export interface Background {
  proc: ReturnType<typeof Bun.spawn>;
  events: Record<string, unknown>[];
  next: (pred: (e: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
  exited: Promise<number>;
  stderr: () => string;
}

export function background(p: DispatchProject, args: string[]): Background {
  const proc = Bun.spawn([BIN, ...args, "--events"], {
    cwd: p.root,
    env: testEnv(p.root, p.env),
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const events: Record<string, unknown>[] = [];
  const waiters: {
    pred: (e: Record<string, unknown>) => boolean;
    resolve: (e: Record<string, unknown>) => void;
  }[] = [];
  let errText = "";
  const pump = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of proc.stdout as ReadableStream<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let nl = buffer.indexOf("\n");
      while (nl !== -1) {
        const event = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        events.push(event);
        for (const w of [...waiters]) {
          if (w.pred(event)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(event);
          }
        }
        nl = buffer.indexOf("\n");
      }
    }
  })();
  const errPump = new Response(proc.stderr as ReadableStream<Uint8Array>).text().then((t) => {
    errText = t;
  });
  const next = (pred: (e: Record<string, unknown>) => boolean) => {
    const seen = events.find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise<Record<string, unknown>>((resolve, reject) => {
      waiters.push({ pred, resolve });
      // A dispatcher that exits without the event fails the wait instead of hanging the test.
      proc.exited.then(async () => {
        await pump;
        if (waiters.some((w) => w.resolve === resolve))
          reject(new Error(`dispatcher exited; events: ${JSON.stringify(events)}\n${errText}`));
      });
    });
  };
  const exited = Promise.all([proc.exited, pump, errPump]).then(([code]) => code);
  return { proc, events, next, exited, stderr: () => errText };
}

/** Polls a condition the test cannot be told about by an event (a file, a process). */
export async function until(cond: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(20);
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * From the fake agents' trace: for each WP and role, the [start, end] of every run. Two runs of one
 * WP overlapping would be two agents working on it at once. A run without an end (killed) lasts until
 * `killedAt` for that pid.
 */
export function runIntervals(agents: FakeAgents, killedAt: Record<number, number> = {}) {
  const open = new Map<number, { wp: string; role: string; start: number }>();
  const intervals: { wp: string; role: string; start: number; end: number; pid: number }[] = [];
  for (const e of agents.trace()) {
    if (e.event === "start") open.set(e.pid, { wp: e.wp as string, role: e.role as string, start: e.t });
    if (e.event === "end") {
      const o = open.get(e.pid);
      if (o) intervals.push({ ...o, end: e.t, pid: e.pid });
      open.delete(e.pid);
    }
  }
  for (const [pid, o] of open) intervals.push({ ...o, end: killedAt[pid] ?? Number.POSITIVE_INFINITY, pid });
  return intervals;
}

/** No two runs of one WP (any role) overlapped in time. */
export function expectNoOverlap(intervals: ReturnType<typeof runIntervals>): void {
  const byWp = new Map<string, typeof intervals>();
  for (const i of intervals) byWp.set(i.wp, [...(byWp.get(i.wp) ?? []), i]);
  for (const [wp, list] of byWp) {
    const sorted = [...list].sort((a, b) => a.start - b.start);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1] as (typeof sorted)[number];
      const cur = sorted[k] as (typeof sorted)[number];
      if (cur.start < prev.end) throw new Error(`${wp}: run ${cur.pid} started while ${prev.pid} still ran`);
    }
  }
}
