/**
 * The compiled binary's `dashboard`: it stops on SIGTERM and on Ctrl-C (SIGINT) with exit 0, leaving
 * no process, no open port and no file behind, even with a page's event stream open; and the guards
 * hold on the real server (token, Host, read-only, no path escapes).
 */
import { describe, expect, test } from "bun:test";
import { startDashboardProcess } from "../support/dashboard.ts";
import { copyFixture, snapshotTree } from "../support/fs.ts";
import { EventStream, rawRequest } from "../support/http.ts";
import { runBin } from "../support/run.ts";

const TIMEOUT = 60_000;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("lifecycle", () => {
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    test(
      `${signal} stops it: exit 0, no process, port closed, no file changed or left`,
      async () => {
        const root = copyFixture("dashboard-demo");
        const before = snapshotTree(root);
        const dash = await startDashboardProcess(root);
        expect(dash.pid).toBe(dash.proc.pid);
        expect(dash.url).toStartWith(`http://127.0.0.1:${dash.port}/`);
        expect((await fetch(dash.url)).status).toBe(200);
        const stream = await EventStream.open(`${dash.url}api/events`);
        expect(await dash.stop(signal)).toBe(0);
        expect(await stream.next((e) => e.event !== "hello")).toBeNull(); // the page's stream ended cleanly
        expect(alive(dash.pid)).toBe(false);
        await expect(fetch(dash.url)).rejects.toThrow();
        expect(snapshotTree(root)).toEqual(before);
        expect(await new Response(dash.proc.stderr).text()).toBe("");
      },
      TIMEOUT,
    );
  }

  test(
    "a second dashboard on a port in use fails with DASHBOARD_PORT_IN_USE (exit 1)",
    async () => {
      const root = copyFixture("dashboard-demo");
      const first = await startDashboardProcess(root);
      try {
        const second = await runBin(["dashboard", "--port", String(first.port), "--json"], { cwd: root });
        expect(second.code).toBe(1);
        expect(JSON.parse(second.stdout).error_code).toBe("DASHBOARD_PORT_IN_USE");
      } finally {
        expect(await first.stop()).toBe(0);
      }
    },
    TIMEOUT,
  );
});

test(
  "the guards on the real server: token, Host, methods, paths",
  async () => {
    const root = copyFixture("dashboard-demo");
    const dash = await startDashboardProcess(root);
    try {
      const token = new URL(dash.url).pathname.split("/")[1] as string;
      const host = { Host: `127.0.0.1:${dash.port}` };
      const status = async (path: string, headers: Record<string, string> = host, method = "GET") =>
        (await rawRequest(dash.port, path, headers, method)).status;
      expect(await status(`/${token}/api/missions`)).toBe(200);
      expect(await status("/api/missions")).toBe(404);
      expect(await status(`/${"0".repeat(32)}/api/missions`)).toBe(404);
      expect(await status(`/${token}/api/missions`, { Host: `rebind.example:${dash.port}` })).toBe(403);
      expect(await status(`/${token}/../../etc/passwd`)).toBe(404);
      expect(await status(`/${token}/%2e%2e/%2e%2e/etc/passwd`)).toBe(404);
      expect(await status(`/${token}/api/missions/..%2f..%2fetc`)).toBe(404);
      for (const method of ["POST", "PUT", "DELETE", "PATCH"])
        expect(await status(`/${token}/api/missions`, { ...host, "Content-Length": "0" }, method)).toBe(405);
    } finally {
      expect(await dash.stop()).toBe(0);
    }
  },
  TIMEOUT,
);
