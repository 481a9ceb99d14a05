/** How dispatch progress reads: plain event lines, the closing summary, and the live block's redraws. */
import { beforeAll, describe, expect, test } from "bun:test";
import { setIO } from "../../src/cli/io.ts";
import { eventLine, LiveView, summaryLines } from "../../src/commands/_dispatch-view.ts";
import type { DispatchEvent, RunInfo } from "../../src/core/dispatch/events.ts";
import { tempDir } from "../support/fs.ts";

const info: RunInfo = {
  run_id: "WP01-implement-1",
  wp_id: "WP01",
  role: "implement",
  agent: "claude",
  attempt: 1,
  lane_id: "lane-a",
  workspace: "/w",
  log: "run.log",
  pid: 42,
};
const at = "2026-03-10T08:00:05.000000+00:00";

beforeAll(() => {
  setIO({
    cwd: "/",
    env: { NO_COLOR: "1" },
    stdout: () => undefined,
    stderr: () => undefined,
    stdoutIsTTY: false,
    stdinIsTTY: false,
    columns: undefined,
    pid: 1,
    readStdin: async () => "",
    onStopSignal: () => () => undefined,
    onResize: () => () => undefined,
  });
});

describe("dispatch view", () => {
  test("one plain line per event, naming WP, role, agent, lane and outcome", () => {
    expect(eventLine({ event: "run_started", at, resumed: false, ...info })).toBe(
      "08:00:05 WP01 implement by claude started in lane-a (attempt 1, pid 42; log run.log)",
    );
    const finished: DispatchEvent = {
      event: "run_finished",
      at,
      ...info,
      status: "timeout",
      exit_code: null,
      lane: "in_progress",
      seconds: 75,
      parked: "timed out",
    };
    expect(eventLine(finished)).toBe(
      "08:00:05 WP01 implement by claude timeout after 1m15s → in_progress; not retried: timed out",
    );
  });

  test("the summary lists what is unfinished and the commands that continue", () => {
    const lines = summaryLines({
      mission_slug: "001-x",
      complete: false,
      interrupted: true,
      wps: [
        { wp_id: "WP01", lane: "approved", note: null },
        { wp_id: "WP02", lane: "planned", note: "waiting on WP03" },
      ],
      runs: [],
      adopted: [],
      recovered: [],
      merged: false,
      merge_error: null,
      resume_command: "spec-kitty dispatch --mission 001-x --resume",
      merge_command: null,
    });
    expect(lines).toEqual([
      "stopped: 1/2 WPs approved or done; 0 run(s)",
      "  WP02  planned      waiting on WP03",
      "Resume with: spec-kitty dispatch --mission 001-x --resume",
    ]);
  });

  test("the live block: one line per running WP with its log's last line, redrawn in place", async () => {
    const root = tempDir();
    await Bun.write(`${root}/run.log`, "# spec-kitty header\nwriting src/catalog.ts\n");
    let out = "";
    const view = new LiveView(
      (t) => (out += t),
      root,
      () => 80,
    );
    view.event({ event: "run_started", at, resumed: false, ...info });
    expect(out).toContain("WP01 implement by claude started");
    expect(out).toMatch(/\n {2}WP01 {3}implement claude {4}lane-a +\d+\.\ds {2}writing src\/catalog\.ts\n$/);
    out = "";
    view.tick();
    expect(out.startsWith("\u001b[1F\u001b[J")).toBe(true); // up over the one-line block, clear, redraw
    out = "";
    view.close();
    expect(out).toBe("\u001b[1F\u001b[J");
  });
});
