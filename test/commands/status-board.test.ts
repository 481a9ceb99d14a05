/**
 * The terminal boards of `agent tasks status`: the overview of every mission (no --mission), the
 * board's width, dependencies, ready WPs, a progress bar that agrees with its percentage, the footer,
 * and `--watch`. The view model behind them is the dashboard's (test/unit/views.test.ts).
 */
import { describe, expect, test } from "bun:test";
import { appendFileSync, cpSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { stripAnsi } from "../../src/cli/output.ts";
import { missionView } from "../../src/core/views/cards.ts";
import { projectMissions } from "../../src/core/views/missions.ts";
import { copyFixture } from "../support/fs.ts";
import { runBin, runInProcess } from "../support/run.ts";

const status = (root: string, ...args: string[]) =>
  runInProcess(["agent", "tasks", "status", ...args], { cwd: root });

/** The bar on the line that prints "N% weighted": filled cells out of all cells. */
function bar(stdout: string): { filled: number; cells: number; percent: number } {
  const line = stdout.split("\n").find((l) => l.includes("% weighted")) ?? "";
  const filled = [...line].filter((c) => c === "█").length;
  const cells = filled + [...line].filter((c) => c === "░").length;
  return { filled, cells, percent: Number(/([\d.]+)% weighted/.exec(line)?.[1]) };
}

describe("overview (no --mission)", () => {
  test("one line per mission: step, progress, done count, ready WPs, target; then a board to open", async () => {
    const root = copyFixture("dashboard-demo");
    const r = await status(root);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Missions in dashboard-demo (3)");
    const row = (key: string) => lines.find((l) => l.startsWith(` ${key}`)) ?? "";
    expect(row("001-checkout-flow")).toMatch(/implement +█{5}░{11} + 33\.3% +1\/6 done +ready WP05 +→ main/);
    expect(row("002-search-index")).toMatch(/done +█{16} +100\.0% +3\/3 done +→ main/);
    expect(row("003-onboarding-tour")).toMatch(/plan +░{16} +0\.0% +0\/0 done/);
    expect(r.stdout).toContain("Board: spec-kitty agent tasks status --mission 001-checkout-flow");
  });

  test("the board it points to runs as printed", async () => {
    const root = copyFixture("dashboard-demo");
    const hint = /Board: spec-kitty (.+)\n/.exec((await status(root)).stdout)?.[1] ?? "";
    const r = await runInProcess(hint.split(" "), { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Mission 001-checkout-flow");
  });

  test("a mission only in a lane worktree is listed (marked) and its board opens by its name", async () => {
    const root = copyFixture("dashboard-demo");
    const lane = join(root, ".worktrees", "004-gift-cards-lane-a", "kitty-specs");
    mkdirSync(lane, { recursive: true });
    cpSync(join(root, "kitty-specs", "002-search-index"), join(lane, "004-gift-cards"), { recursive: true });
    const r = await status(root);
    expect(r.stdout).toMatch(/ 004-gift-cards\* +done/);
    expect(r.stdout).toContain("* only in a lane worktree");
    const board = await status(root, "--mission", "004-gift-cards");
    expect(board.code).toBe(0);
    expect(board.stdout).toContain("Mission 004-gift-cards");
  });

  test("--json: each mission's view without its cards", async () => {
    const r = await status(copyFixture("dashboard-demo"), "--json");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.project).toBe("dashboard-demo");
    expect(doc.missions).toHaveLength(3);
    expect(doc.missions[0]).toMatchObject({
      mission_slug: "001-checkout-flow",
      phase: "implement",
      target_branch: "main",
      total_wps: 6,
      done_wps: 1,
      progress_percentage: 33.3,
      ready_wps: ["WP05"],
      error: null,
    });
    expect(doc.missions[0].work_packages).toBeUndefined();
  });

  test("an unreadable mission is a line that says why; the others still show (exit 0)", async () => {
    const root = copyFixture("era-3.1");
    const log = join(root, "kitty-specs", "005-mooring-log", "status.events.jsonl");
    const lines = readFileSync(log, "utf8").split("\n").filter(Boolean).length;
    appendFileSync(log, "{not json\n");
    const r = await status(root);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(
        `005-mooring-log +unreadable +kitty-specs/005-mooring-log/status\\.events\\.jsonl line ${lines + 1}`,
      ),
    );
    expect(r.stdout).toMatch(/004-harbour-forecast +\w+ +[█░]{16}/);
  });

  test("no missions yet: says so and how to create one", async () => {
    const r = await status(copyFixture("basic-project"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No missions yet.");
    expect(r.stdout).toContain("spec-kitty agent mission create <slug>");
  });
});

describe("mission board", () => {
  test("regression: the bar shows the weighted percentage it prints, not only the done share", async () => {
    // status-board: no WP done, one in progress → 7.5% weighted. The bar used to be empty (0 of 30).
    const r = await status(copyFixture("status-board"), "--mission", "001-status-demo");
    const { filled, cells, percent } = bar(r.stdout);
    expect(percent).toBe(7.5);
    expect(cells).toBe(30);
    expect(filled).toBe(Math.round((percent / 100) * cells));
    expect(filled).toBe(2);
  });

  test("dependencies, what blocks a WP, and the ready WPs are on the board", async () => {
    const root = copyFixture("dashboard-demo");
    const r = await status(root, "--mission", "001-checkout-flow");
    expect(r.stdout).toContain("needs WP02");
    expect(r.stdout).toMatch(/│ {3}ready +│/);
    expect(r.stdout).toContain("Ready: WP05 Checkout docs");
    expect(r.stdout).toContain("Blocked: WP06 Fraud rules");
    expect(r.stdout).toContain("Mission 001-checkout-flow  implement · → main");
    // A name that works here, and the hint runs as printed (failed before: `--agent <your-name>`).
    const hint = /Next: (spec-kitty next [^\n]+)/.exec(r.stdout)?.[1] as string;
    expect(hint).toBe("spec-kitty next --agent claude --mission 001-checkout-flow");
    const asked = await runInProcess(hint.split(" ").slice(1), { cwd: root });
    expect(asked.code, asked.stderr).toBe(0);
  });

  test("regression: a complete mission does not ask for `next --agent <your-name>`", async () => {
    const r = await status(copyFixture("dashboard-demo"), "--mission", "002-search-index");
    expect(r.stdout).not.toContain("--agent <your-name>");
    expect(r.stdout).toContain("Complete: every work package is done.");
    expect(bar(r.stdout)).toEqual({ filled: 30, cells: 30, percent: 100 });
  });

  test("every WP approved: the footer names accept, which runs as printed", async () => {
    const root = copyFixture("dashboard-demo");
    const slug = "001-checkout-flow";
    const force = ["--force", "--actor", "lead", "--reason", "test set-up", "--mission", slug];
    for (const wp of ["WP02", "WP03", "WP04", "WP05", "WP06"])
      expect(
        (await runInProcess(["agent", "status", "emit", wp, "--to", "approved", ...force], { cwd: root }))
          .code,
      ).toBe(0);
    const r = await status(root, "--mission", slug);
    expect(r.stdout).toContain(`Next: spec-kitty accept --mission ${slug}`);
    expect(r.stdout).not.toContain("<your-name>");
  });

  test("the board fills the terminal's width (io.columns), from 66 to 200 columns", async () => {
    const root = copyFixture("dashboard-demo");
    const widthAt = async (columns: number) => {
      const r = await runInProcess(["agent", "tasks", "status", "--mission", "001-checkout-flow"], {
        cwd: root,
        terminal: { columns },
      });
      const rule = stripAnsi(r.stdout)
        .split("\n")
        .find((l) => l.startsWith("┌"));
      return [...(rule ?? "")].length;
    };
    const narrow = await widthAt(80);
    const wide = await widthAt(150);
    expect(narrow).toBeLessThanOrEqual(80);
    expect(narrow).toBeGreaterThan(70);
    expect(wide).toBeLessThanOrEqual(150);
    expect(wide).toBeGreaterThan(140);
    expect(await widthAt(20)).toBe(66);
    expect(await widthAt(500)).toBeLessThanOrEqual(200);
    // Without a terminal, $COLUMNS decides.
    const piped = await runInProcess(["agent", "tasks", "status", "--mission", "001-checkout-flow"], {
      cwd: root,
      env: { COLUMNS: "120" },
    });
    const rule = piped.stdout.split("\n").find((l) => l.startsWith("┌")) ?? "";
    expect([...rule].length).toBeGreaterThan(110);
    expect([...rule].length).toBeLessThanOrEqual(120);
  });
});

describe("one view model", () => {
  test("`agent tasks status --json` carries the same facts as the dashboard's view of each mission", async () => {
    for (const fixture of ["dashboard-demo", "status-board", "status-legacy", "legacy-3.1", "era-3.0"]) {
      const root = copyFixture(fixture);
      for (const pm of projectMissions(root)) {
        const view = missionView(pm, { staleThresholdMin: 10, env: {} });
        const r = await status(root, "--mission", pm.key, "--json");
        expect([fixture, pm.key, r.code]).toEqual([fixture, pm.key, 0]);
        const doc = JSON.parse(r.stdout);
        expect(doc).toMatchObject({
          mission_slug: view.mission_slug,
          mission_id: view.mission_id,
          mission_number: view.mission_number,
          mission_type: view.mission_type,
          total_wps: view.total_wps,
          by_lane: view.by_lane,
          progress_percentage: view.progress_percentage,
          stale_wps: view.stale_wps,
        });
        expect(doc.work_packages).toHaveLength(view.work_packages.length);
        view.work_packages.forEach((card, i) => {
          const row = doc.work_packages[i];
          for (const key of Object.keys(row).filter((k) => k in card))
            expect([pm.key, card.id, key, row[key]]).toEqual([
              pm.key,
              card.id,
              key,
              card[key as keyof typeof card],
            ]);
        });
      }
    }
  });
});

describe("--stale-threshold", () => {
  test("a value that is not a non-negative number of minutes is a usage error (exit 2)", async () => {
    const root = copyFixture("dashboard-demo");
    for (const value of ["soon", "-1"]) {
      const r = await status(root, `--stale-threshold=${value}`);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--stale-threshold must be a number of minutes");
    }
    expect((await status(root, "--stale-threshold", "0.5")).code).toBe(0);
  });
});

describe("--watch", () => {
  test("refused when stdout is not a terminal, and with --json (exit 2)", async () => {
    const root = copyFixture("dashboard-demo");
    const piped = await status(root, "--watch");
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain("--watch redraws a terminal, but stdout is not one");
    const json = await status(root, "--watch", "--json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).error).toContain("cannot be combined with --json");
  });

  for (const [name, args] of [
    ["a mission's board", ["--mission", "001-checkout-flow"]],
    ["the overview", []],
  ] as const) {
    test(`redraws ${name} when another process moves a WP, until Ctrl-C`, async () => {
      const root = copyFixture("dashboard-demo");
      const seen: { text: string; resolve: () => void }[] = [];
      const waitFor = (text: string) =>
        new Promise<void>((resolve) => {
          seen.push({ text, resolve });
        });
      let stop: () => void = () => {};
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      const drawn = waitFor("ready WP05").then(() => {});
      const firstBoard = args.length ? waitFor("Ready: WP05") : drawn;
      const run = runInProcess(["agent", "tasks", "status", "--watch", ...args], {
        cwd: root,
        terminal: { columns: 120 },
        stop: stopped,
        onStdout: (out) => {
          for (const w of seen) if (out.includes(w.text)) w.resolve();
        },
      });
      await firstBoard;
      const redrawn = waitFor(args.length ? "Doing (2)" : "ready WP04");
      // Another process (the real binary) changes the log while the board is open: WP05 starts (board),
      // or WP02 is approved, which makes WP04 ready (overview).
      const emit = await runBin(
        args.length
          ? [
              "agent",
              "tasks",
              "move-task",
              "WP05",
              "--to",
              "doing",
              "--agent",
              "codex",
              "--mission",
              "001-checkout-flow",
            ]
          : [
              "agent",
              "status",
              "emit",
              "WP02",
              "--to",
              "approved",
              "--force",
              "--actor",
              "lead",
              "--reason",
              "test",
              "--mission",
              "001-checkout-flow",
            ],
        { cwd: root },
      );
      expect(emit.code).toBe(0);
      await redrawn;
      stop();
      const r = await run;
      expect(r.code).toBe(0);
      expect(r.stdout.startsWith("\u001b[?1049h")).toBe(true); // the alternate screen…
      expect(r.stdout.endsWith("\u001b[?1049l")).toBe(true); // …left again on exit
      expect(r.stdout).toContain("watching for changes · Ctrl-C to stop");
    });
  }
});
