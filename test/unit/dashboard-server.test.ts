/**
 * The dashboard server (core/dashboard), in process against a real socket: routes, the guards (token,
 * Host, read-only, no path reaches a file), live updates over server-sent events for every kind of
 * file a board reads, and a clean stop.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { appendFileSync, cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Change } from "../../src/core/dashboard/live.ts";
import { openerCommand } from "../../src/core/dashboard/open.ts";
import { type Dashboard, startDashboard } from "../../src/core/dashboard/server.ts";
import { serializeEvent } from "../../src/core/status/event.ts";
import type { MissionView } from "../../src/core/views/cards.ts";
import { copyFixture, snapshotTree, tempDir } from "../support/fs.ts";
import { gitEnv } from "../support/git.ts";
import { EventStream, rawRequest } from "../support/http.ts";
import { statusEvent } from "../support/status.ts";

const MISSION = "001-checkout-flow";
const TOKEN = "0123456789abcdef0123456789abcdef";

let root: string;
let dash: Dashboard;
let outside: string;

beforeAll(() => {
  root = copyFixture("dashboard-demo");
  // A secret outside the project, and a symlinked "mission" pointing at a directory next to it.
  outside = join(tempDir(), "outside");
  cpSync(join(root, "kitty-specs", "002-search-index"), outside, { recursive: true });
  writeFileSync(join(outside, "secret.txt"), "TOP-SECRET\n");
  symlinkSync(outside, join(root, "kitty-specs", "009-linked"));
  dash = startDashboard({ root, view: { staleThresholdMin: 10, env: {} }, token: TOKEN });
});

afterAll(async () => {
  await dash.stop();
});

const host = () => ({ Host: `127.0.0.1:${dash.port}` });
const get = (path: string, headers: Record<string, string> = host(), method = "GET") =>
  rawRequest(dash.port, path, headers, method);

describe("routes", () => {
  test("the URL carries the token; the page, its assets and the API answer under it", async () => {
    expect(dash.url).toBe(`http://127.0.0.1:${dash.port}/${TOKEN}/`);
    const page = await get(`/${TOKEN}/`);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.body).toContain('<script src="app.js"></script>');
    expect(page.body).not.toContain("data.js");
    expect((await get(`/${TOKEN}/app.js`)).headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect((await get(`/${TOKEN}/app.css`)).headers["content-type"]).toBe("text/css; charset=utf-8");
    const bare = await get(`/${TOKEN}`);
    expect([bare.status, bare.headers.location]).toEqual([308, `/${TOKEN}/`]);
    const missions = JSON.parse((await get(`/${TOKEN}/api/missions`)).body);
    expect(missions.project).toBe("dashboard-demo");
    expect(missions.missions.map((m: { key: string }) => m.key)).toEqual([
      "001-checkout-flow",
      "002-search-index",
      "003-onboarding-tour",
    ]);
    expect(JSON.parse((await get(`/${TOKEN}/api/missions/${MISSION}`)).body).total_wps).toBe(6);
    const detail = JSON.parse((await get(`/${TOKEN}/api/missions/${MISSION}/wps/WP02`)).body);
    expect(detail.review_cycles[0].text).toContain("Webhook signatures");
    expect(JSON.parse((await get(`/${TOKEN}/api/health`)).body)).toMatchObject({ status: "ok", missions: 3 });
  });

  test("HEAD answers like GET, without a body", async () => {
    const head = await get(`/${TOKEN}/api/missions`, host(), "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  test("no token, a wrong token or a token of another length → 404, with nothing from the project", async () => {
    for (const path of [
      "/",
      "/app.js",
      "/api/missions",
      `/${TOKEN.slice(1)}x/`,
      `/${TOKEN}0/`,
      `/${TOKEN.toUpperCase()}/`,
    ]) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.body).not.toContain("checkout");
    }
  });

  test("a Host other than this loopback server (DNS rebinding) or none → 403", async () => {
    for (const headers of [
      { Host: `evil.example:${dash.port}` },
      { Host: "127.0.0.1" },
      { Host: `127.0.0.1:${dash.port + 1}` },
      { Host: `localhost.evil.example:${dash.port}` },
    ]) {
      const r = await get(`/${TOKEN}/api/missions`, headers);
      expect([headers, r.status]).toEqual([headers, 403]);
      expect(r.body).not.toContain("checkout");
    }
    // No Host at all: HTTP/1.1 requires one (Bun answers 400 itself); HTTP/1.0 reaches our check.
    const none = await get(`/${TOKEN}/api/missions`, {});
    expect(none.status).toBe(400);
    const old = await rawRequest(dash.port, `/${TOKEN}/api/missions`, {}, "GET", "1.0");
    expect(old.status).toBe(403);
    expect(old.body).not.toContain("checkout");
    expect((await get(`/${TOKEN}/`, { Host: `localhost:${dash.port}` })).status).toBe(200);
  });

  test("paths outside the routes: .., encoded, doubled slashes, files, symlinks, queries → 404", async () => {
    const attempts = [
      `/${TOKEN}/../../../../etc/passwd`,
      `/${TOKEN}/%2e%2e/%2e%2e/%2e%2e/etc/passwd`,
      `/${TOKEN}/..%2f..%2f..%2fetc%2fpasswd`,
      `/${TOKEN}/api/missions/..%2F..%2F..%2Fetc`,
      `/${TOKEN}/api/missions/%2e%2e`,
      `/${TOKEN}/api/missions/${MISSION}/wps/..%2Fmeta.json`,
      `/${TOKEN}/api/missions/${MISSION}/wps/WP02%2F..%2F..%2Fmeta.json`,
      `/${TOKEN}/api/missions/${MISSION}/meta.json`,
      `/${TOKEN}/kitty-specs/${MISSION}/meta.json`,
      `/${TOKEN}//etc/passwd`,
      `/${TOKEN}/app.js/..%2f..%2fpackage.json`,
      `/${TOKEN}/api/missions/009-linked`,
      `/${TOKEN}/api/missions/009-linked/wps/WP01`,
      `/${TOKEN}/api/missions?x=1`,
      `/${TOKEN}/index.html`,
      `/${TOKEN}/data.js`,
      `/${TOKEN}/api/missions/${MISSION}/wps/WP99`,
      `/${TOKEN}/api/missions/no-such/wps/WP01`,
      `/${TOKEN}/%00`,
      `/${TOKEN}/api/toString`,
      `/${TOKEN}/constructor`,
    ];
    for (const path of attempts) {
      const r = await get(path);
      expect([path, r.status]).toEqual([path, 404]);
      expect(r.body).not.toContain("TOP-SECRET");
      expect(r.body).not.toContain("root:");
    }
    const list = JSON.parse((await get(`/${TOKEN}/api/missions`)).body);
    expect(JSON.stringify(list)).not.toContain("009-linked");
  });

  test("no write endpoint: every other method on every route → 405 and no file changes", async () => {
    const before = snapshotTree(root);
    const routes = [
      "/",
      "/app.js",
      "/api/missions",
      `/api/missions/${MISSION}`,
      `/api/missions/${MISSION}/wps/WP01`,
      "/api/events",
      "/api/health",
      "/api/shutdown",
    ];
    for (const method of ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]) {
      for (const route of routes) {
        const r = await get(`/${TOKEN}${route}`, { ...host(), "Content-Length": "0" }, method);
        expect([method, route, r.status]).toEqual([method, route, 405]);
        expect(r.headers.allow).toBe("GET, HEAD");
      }
    }
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe("live updates over server-sent events", () => {
  const changes = async (stream: EventStream, wanted: (c: Change) => boolean): Promise<Change> => {
    const event = await stream.next((e) => e.event === "change" && wanted(JSON.parse(e.data)));
    if (!event) throw new Error("the event stream ended");
    return JSON.parse(event.data);
  };
  const cardOf = (change: Change, id: string) => change.mission?.work_packages.find((wp) => wp.id === id);

  test("a status append, a WP file edit and a lanes.json edit each reach an open stream", async () => {
    const stream = await EventStream.open(`${dash.url}api/events`);
    try {
      const dir = join(root, "kitty-specs", MISSION);
      const start = JSON.parse((await get(`/${TOKEN}/api/health`)).body).version;
      // The stream starts by saying which version it follows from.
      const hello = await stream.next();
      expect(hello).toEqual({ event: "hello", data: JSON.stringify({ version: start }) });
      appendFileSync(
        join(dir, "status.events.jsonl"),
        `${serializeEvent(
          statusEvent({
            event_id: "01KQZZ00000000000000000001",
            at: "2026-05-06T10:00:00+00:00",
            wp_id: "WP05",
            actor: "codex",
            mission_slug: MISSION,
          }),
        )}\n`,
      );
      const claimed = await changes(stream, (c) => cardOf(c, "WP05")?.lane === "claimed");
      expect(claimed.version).toBeGreaterThan(start);
      expect(cardOf(claimed, "WP05")?.actor).toBe("codex");

      const wpPath = join(dir, "tasks", "WP04-receipt-emails.md");
      writeFileSync(
        wpPath,
        readFileSync(wpPath, "utf8").replace("title: Receipt emails", "title: Receipt e-mails"),
      );
      const renamed = await changes(stream, (c) => cardOf(c, "WP04")?.title === "Receipt e-mails");
      expect(renamed.version).toBeGreaterThan(claimed.version);

      const lanesPath = join(dir, "lanes.json");
      const lanes = JSON.parse(readFileSync(lanesPath, "utf8"));
      lanes.lanes[1].lane_id = "lane-c";
      writeFileSync(lanesPath, `${JSON.stringify(lanes, null, 2)}\n`);
      const moved = await changes(stream, (c) => cardOf(c, "WP03")?.execution_lane === "lane-c");
      expect(moved.mission?.key).toBe(MISSION);

      // The page's first load agrees with what was streamed.
      const now = JSON.parse((await get(`/${TOKEN}/api/missions`)).body);
      expect(now.version).toBe(moved.version);
    } finally {
      stream.close();
    }
  });

  test("a mission appearing (also in a lane worktree) or disappearing is streamed", async () => {
    const stream = await EventStream.open(`${dash.url}api/events`);
    try {
      cpSync(join(root, "kitty-specs", "003-onboarding-tour"), join(root, "kitty-specs", "004-gift-cards"), {
        recursive: true,
      });
      await changes(stream, (c) => c.mission?.key === "004-gift-cards");
      rmSync(join(root, "kitty-specs", "004-gift-cards"), { recursive: true });
      await changes(stream, (c) => c.removed === "004-gift-cards");
      const lane = join(root, ".worktrees", "005-loyalty-lane-a", "kitty-specs");
      cpSync(join(root, "kitty-specs", "003-onboarding-tour"), join(lane, "005-loyalty"), {
        recursive: true,
      });
      const added = await changes(stream, (c) => c.mission?.key === "005-loyalty");
      expect(added.mission?.source.kind).toBe("worktree");
    } finally {
      stream.close();
    }
  });
});

test("stale flags follow commits in lane worktrees, re-checked without any file event", async () => {
  const project = copyFixture("dashboard-demo");
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
  const run = (cwd: string, args: string[], env: Record<string, string> = {}) => {
    const proc = Bun.spawnSync(["git", ...args], { cwd, env: { ...gitEnv(), ...env } });
    if (proc.exitCode !== 0) throw new Error(proc.stderr.toString());
  };
  run(project, ["init", "-q", "-b", "main"]);
  run(project, ["add", "-A"]);
  run(project, ["-c", "commit.gpgsign=false", "commit", "-q", "-m", "old"], {
    GIT_AUTHOR_DATE: twoHoursAgo,
    GIT_COMMITTER_DATE: twoHoursAgo,
  });
  const lane = join(project, ".worktrees", "001-checkout-flow-lane-b");
  run(project, ["worktree", "add", "-q", "-b", "kitty/mission-001-checkout-flow-lane-b", lane]);
  const own = startDashboard({
    root: project,
    view: { staleThresholdMin: 10, env: gitEnv() },
    staleRecheckMs: 20,
  });
  try {
    const wp03 = (change: Change | MissionView | null) =>
      (change && "work_packages" in change ? change : change?.mission)?.work_packages.find(
        (wp) => wp.id === "WP03",
      );
    const first = (await (await fetch(`${own.url}api/missions/${MISSION}`)).json()) as MissionView;
    expect(wp03(first)).toMatchObject({ is_stale: true, worktree_exists: true });
    const stream = await EventStream.open(`${own.url}api/events`);
    try {
      run(lane, ["-c", "commit.gpgsign=false", "commit", "-q", "--allow-empty", "-m", "progress"]);
      const event = await stream.next(
        (e) => e.event === "change" && wp03(JSON.parse(e.data))?.is_stale === false,
      );
      expect(wp03(JSON.parse(event?.data ?? "null"))?.stale?.status).toBe("fresh");
    } finally {
      stream.close();
    }
  } finally {
    await own.stop();
  }
});

test("pages that go away are forgotten: the set of streams does not grow with reloads", async () => {
  const streams = async () => JSON.parse((await get(`/${TOKEN}/api/health`)).body).streams as number;
  const base = await streams();
  for (let round = 0; round < 3; round++) {
    const open = await Promise.all(
      Array.from({ length: 25 }, () => EventStream.open(`${dash.url}api/events`)),
    );
    for (const stream of open) await stream.next(); // hello: registered
    expect(await streams()).toBe(base + 25);
    for (const stream of open) stream.close();
    // The server learns of a closed connection asynchronously: wait for the condition, not a time.
    while ((await streams()) !== base) await Bun.sleep(5);
  }
  expect(await streams()).toBe(base);
});

test("stop() ends open streams and closes the port", async () => {
  const own = startDashboard({
    root: copyFixture("dashboard-demo"),
    view: { staleThresholdMin: null, env: {} },
  });
  const stream = await EventStream.open(`${own.url}api/events`);
  await own.stop();
  expect(await stream.next((e) => e.event !== "hello")).toBeNull();
  await expect(fetch(own.url)).rejects.toThrow();
});

test("two dashboards of one project get their own port and token", async () => {
  const project = copyFixture("dashboard-demo");
  const a = startDashboard({ root: project, view: { staleThresholdMin: null, env: {} } });
  const b = startDashboard({ root: project, view: { staleThresholdMin: null, env: {} } });
  try {
    expect(a.port).not.toBe(b.port);
    expect(a.token).not.toBe(b.token);
    expect(a.token).toMatch(/^[0-9a-f]{32}$/);
    expect((await rawRequest(a.port, `/${b.token}/`, { Host: `127.0.0.1:${a.port}` })).status).toBe(404);
  } finally {
    await a.stop();
    await b.stop();
  }
});

test("a port already in use is refused with DASHBOARD_PORT_IN_USE", () => {
  const taken = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("x") });
  try {
    expect(() =>
      startDashboard({
        root: copyFixture("dashboard-demo"),
        port: taken.port,
        view: { staleThresholdMin: null, env: {} },
      }),
    ).toThrow(expect.objectContaining({ code: "DASHBOARD_PORT_IN_USE" }));
  } finally {
    taken.stop(true);
  }
});

test("--open uses the platform's own opener", () => {
  const url = "http://127.0.0.1:1/t/";
  expect(openerCommand("linux", url)).toEqual(["xdg-open", url]);
  expect(openerCommand("darwin", url)).toEqual(["open", url]);
  expect(openerCommand("win32", url)).toEqual(["cmd", "/c", "start", "", url]);
});
