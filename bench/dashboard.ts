/**
 * Dashboard suite, on a generated project the size of upstream's own repository (261 missions, 1,655
 * WPs; bench/dashboard-project.ts), against the compiled binary:
 *
 * - start-up: spawn → the `{url, port, pid}` line (every mission read, the server listening);
 * - time to first byte and to the whole body of the page and of `api/missions`;
 * - a complete page in Chromium: navigation → every mission drawn (`body[data-ready]`);
 * - latency of a status append → the change on an SSE client, and → the card moving in the browser;
 * - memory: the server's RSS before and after `--changes` status appends (default 3,600: an hour at
 *   one change a second, compressed), each waited for on an open event stream.
 *
 * `npx bun run bench/run.ts dashboard` (or `bun bench/dashboard.ts [--changes N]` alone).
 */
import { appendFileSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { isoFromMicros } from "../src/core/clock.ts";
import { serializeEvent } from "../src/core/status/event.ts";
import { launchChromium, newContext } from "../test/support/browser.ts";
import { startDashboardProcess } from "../test/support/dashboard.ts";
import { EventStream } from "../test/support/http.ts";
import { type GeneratedProject, generateProject, MISSIONS, WPS } from "./dashboard-project.ts";
import { benchTemp, ensureBinary, type Sample } from "./lib.ts";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Number(/(\d+)/.exec(line ?? "")?.[1] ?? Number.NaN) / 1024;
}

/** Time to the response head (first byte) and to the end of the body, for one GET. */
async function timeGet(url: string): Promise<{ ttfb: number; total: number; bytes: number }> {
  const start = performance.now();
  const response = await fetch(url);
  const ttfb = performance.now() - start;
  const body = await response.arrayBuffer();
  return { ttfb, total: performance.now() - start, bytes: body.byteLength };
}

export async function benchDashboard(_floor: Sample, changes = 3_600): Promise<Sample[]> {
  const bin = await ensureBinary();
  const scratch = benchTemp("sk-bench-dash-");
  try {
    return await run(bin, generateProject(join(scratch, "project")), changes);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function run(bin: string, project: GeneratedProject, changes: number): Promise<Sample[]> {
  const samples: Sample[] = [];

  // Start-up: spawn until the URL line (all missions read, listening).
  const starts: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    const dash = await startDashboardProcess(project.root, [], {}, bin);
    starts.push(performance.now() - started);
    await dash.stop();
  }
  samples.push({
    name: `dashboard start-up (${MISSIONS} missions, ${WPS} WPs)`,
    medianMs: median(starts),
    peakRssMb: Number.NaN,
  });

  const dash = await startDashboardProcess(project.root, [], {}, bin);
  try {
    for (const [name, path] of [
      ["page", ""],
      ["api/missions", "api/missions"],
    ] as const) {
      const runs = [];
      for (let i = 0; i < 13; i++) runs.push(await timeGet(`${dash.url}${path}`));
      const measured = runs.slice(2);
      samples.push({
        name: `GET ${name}: first byte`,
        medianMs: median(measured.map((r) => r.ttfb)),
        peakRssMb: Number.NaN,
      });
      samples.push({
        name: `GET ${name}: whole body`,
        medianMs: median(measured.map((r) => r.total)),
        peakRssMb: Number.NaN,
        note: `${Math.round((runs[0]?.bytes ?? 0) / 1024)} KB`,
      });
    }

    // A complete page in a real browser, each time in a fresh context (no cache).
    const browser = await launchChromium();
    let micros = project.lastMicros;
    let seq = 0;
    const appendEvent = (slug: string, wp: string, from: string, to: string) => {
      micros += 1_000_000;
      appendFileSync(
        join(project.root, "kitty-specs", slug, "status.events.jsonl"),
        `${serializeEvent({
          actor: "bench",
          at: isoFromMicros(micros),
          event_id: `01KBENCH${String(seq++).padStart(18, "0")}`,
          evidence: null,
          execution_mode: "worktree",
          force: true,
          from_lane: from as never,
          mission_slug: slug,
          policy_metadata: null,
          reason: "bench",
          review_ref: null,
          to_lane: to as never,
          wp_id: wp,
        })}\n`,
      );
    };
    try {
      const loads: number[] = [];
      for (let i = 0; i < 6; i++) {
        const context = await newContext(browser);
        const page = await context.newPage();
        const started = performance.now();
        await page.goto(dash.url);
        await page.waitForSelector("body[data-ready]");
        if (i > 0) loads.push(performance.now() - started);
        await context.close();
      }
      samples.push({
        name: "browser: navigation → page drawn",
        medianMs: median(loads),
        peakRssMb: Number.NaN,
      });
      // The browser's own floor: a fresh context loading a one-line page from a local server.
      const blank = Bun.serve({
        hostname: "127.0.0.1",
        port: 0,
        fetch: () =>
          new Response('<!doctype html><body data-ready="1">hi</body>', {
            headers: { "content-type": "text/html" },
          }),
      });
      const floors: number[] = [];
      try {
        for (let i = 0; i < 6; i++) {
          const context = await newContext(browser);
          const page = await context.newPage();
          const started = performance.now();
          await page.goto(`http://127.0.0.1:${blank.port}/`);
          await page.waitForSelector("body[data-ready]");
          if (i > 0) floors.push(performance.now() - started);
          await context.close();
        }
      } finally {
        blank.stop(true);
      }
      samples.push({
        name: "browser: a one-line page (its floor)",
        medianMs: median(floors),
        peakRssMb: Number.NaN,
      });

      // Append → the card moves on an open page. The newest mission is the one the page shows.
      const slug = project.slugs.at(-1) as string;
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(dash.url);
      await page.waitForSelector("body[data-ready]");
      const browserLatency: number[] = [];
      const lanes = ["blocked", "in_progress"] as const;
      for (let i = 0; i < 20; i++) {
        const to = lanes[i % 2] as string;
        const from = lanes[(i + 1) % 2] as string;
        const started = performance.now();
        appendEvent(slug, "WP01", from, to);
        await page.waitForSelector(`.card[data-wp="WP01"][data-lane="${to}"]`, { timeout: 10_000 });
        browserLatency.push(performance.now() - started);
      }
      await context.close();
      samples.push({
        name: "status append → card moved in the browser",
        medianMs: median(browserLatency),
        peakRssMb: Number.NaN,
        note: `p95 ${percentile(browserLatency, 95).toFixed(0)} ms, n=20`,
      });
    } finally {
      await browser.close();
    }

    // Memory under a stream of changes, each one waited for on an event stream.
    const stream = await EventStream.open(`${dash.url}api/events`);
    const before = rssMb(dash.pid);
    const latency: number[] = [];
    const checkpoints: string[] = [];
    try {
      for (let i = 0; i < changes; i++) {
        const slug = project.slugs[(i * 37) % project.slugs.length] as string;
        const to = i % 2 === 0 ? "blocked" : "in_progress";
        const started = performance.now();
        appendEvent(slug, "WP01", i % 2 === 0 ? "in_progress" : "blocked", to);
        const event = await stream.next((e) => e.event === "change" && e.data.includes(`"key":"${slug}"`));
        if (!event) throw new Error("the event stream ended");
        latency.push(performance.now() - started);
        if ((i + 1) % Math.max(1, Math.floor(changes / 4)) === 0)
          checkpoints.push(`${i + 1}: ${rssMb(dash.pid).toFixed(1)}`);
      }
    } finally {
      stream.close();
    }
    const after = rssMb(dash.pid);
    samples.push({
      name: "status append → SSE change received",
      medianMs: median(latency),
      peakRssMb: after,
      note: `p95 ${percentile(latency, 95).toFixed(0)} ms, n=${changes}`,
    });
    samples.push({
      name: `server RSS MB: start → after ${changes} changes`,
      medianMs: Number.NaN,
      peakRssMb: after,
      note: `${before.toFixed(1)} → ${after.toFixed(1)} MB (${checkpoints.join(", ")})`,
    });
  } finally {
    await dash.stop();
  }
  return samples;
}

if (import.meta.main) {
  const { buildFloor, measure, report } = await import("./lib.ts");
  const flag = process.argv.indexOf("--changes");
  const changes = flag === -1 ? 3_600 : Number(process.argv[flag + 1]);
  const floor = measure("bun hello (floor)", [await buildFloor()]);
  report("dashboard", floor, await benchDashboard(floor, changes));
}
