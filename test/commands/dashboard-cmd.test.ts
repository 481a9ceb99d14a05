/**
 * `spec-kitty dashboard` in process: serving until stopped (--json), the static export (files,
 * determinism, refusals) and argument errors. The browser and the signals are tested end to end.
 */
import { describe, expect, test } from "bun:test";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyFixture, snapshotTree, tempDir } from "../support/fs.ts";
import { runInProcess } from "../support/run.ts";

describe("dashboard (serving)", () => {
  test("--json prints {url, port, pid} on one line, serves the page, and returns 0 when stopped", async () => {
    const root = copyFixture("dashboard-demo");
    const before = snapshotTree(root);
    let started: (line: string) => void = () => {};
    const firstLine = new Promise<string>((resolve) => {
      started = resolve;
    });
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const run = runInProcess(["dashboard", "--json"], {
      cwd: root,
      stop: stopped,
      onStdout: (out) => {
        if (out.includes("\n")) started(out);
      },
    });
    const out = await firstLine;
    expect(out.endsWith("\n")).toBe(true);
    expect(out.trim().split("\n")).toHaveLength(1);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(["url", "port", "pid"]);
    expect(doc.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${doc.port}/[0-9a-f]{32}/$`));
    expect(doc.pid).toBe(process.pid);
    const missions = (await (await fetch(`${doc.url}api/missions`)).json()) as { missions: unknown[] };
    expect(missions.missions).toHaveLength(3);
    stop();
    const result = await run;
    expect(result).toMatchObject({ code: 0, stdout: out });
    await expect(fetch(doc.url)).rejects.toThrow();
    expect(snapshotTree(root)).toEqual(before);
  });

  test("the human output names the URL and how to stop", async () => {
    const root = copyFixture("dashboard-demo");
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const run = runInProcess(["dashboard"], {
      cwd: root,
      stop: stopped,
      onStdout: (out) => out.includes("Ctrl-C") && stop(),
    });
    const result = await run;
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("spec-kitty dashboard: 3 missions in");
    expect(result.stdout).toMatch(/ {2}http:\/\/127\.0\.0\.1:\d+\/[0-9a-f]{32}\/\n/);
    expect(result.stdout).toContain("Ctrl-C to stop");
  });

  const usage: [string, string[], RegExp][] = [
    ["a port that is not a number", ["--port", "http"], /--port must be a port number/],
    ["port 0", ["--port", "0"], /--port must be a port number/],
    ["a port above 65535", ["--port", "70000"], /--port must be a port number/],
    ["--export with --port", ["--export", "out", "--port", "8080"], /--export writes files and exits/],
    ["--export with --open", ["--export", "out", "--open"], /--export writes files and exits/],
    ["a negative stale threshold", ["--stale-threshold=-1"], /--stale-threshold must be a number of minutes/],
    [
      "a stale threshold that is not a number",
      ["--stale-threshold", "soon"],
      /--stale-threshold must be a number of minutes/,
    ],
  ];
  for (const [name, args, message] of usage) {
    test(`${name} is a usage error (exit 2)`, async () => {
      const r = await runInProcess(["dashboard", ...args], { cwd: copyFixture("dashboard-demo") });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    });
  }

  test("outside a project it says so (exit 1)", async () => {
    const r = await runInProcess(["dashboard", "--json"], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error_code).toBe("NOT_A_PROJECT");
  });
});

describe("dashboard --export", () => {
  const exportTo = (root: string, dir: string, json = true) =>
    runInProcess(["dashboard", "--export", dir, ...(json ? ["--json"] : [])], { cwd: root });

  test("writes index.html, the assets and data.js; the project is untouched", async () => {
    const root = copyFixture("dashboard-demo");
    const before = snapshotTree(root);
    const out = join(tempDir(), "site");
    const r = await exportTo(root, out);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      result: "success",
      dir: out,
      files: ["index.html", "app.css", "app.js", "data.js"],
      missions: 3,
      work_packages: 9,
    });
    expect(readdirSync(out).sort()).toEqual(["app.css", "app.js", "data.js", "index.html"]);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html.indexOf('<script src="data.js"></script>')).toBeLessThan(
      html.indexOf('<script src="app.js">'),
    );
    const data = readFileSync(join(out, "data.js"), "utf8");
    expect(data).toStartWith("window.SPEC_KITTY_SNAPSHOT = {");
    const snapshot = JSON.parse(data.slice(data.indexOf("{"), data.lastIndexOf(";")));
    expect(snapshot.missions.map((m: { key: string }) => m.key)).toEqual([
      "001-checkout-flow",
      "002-search-index",
      "003-onboarding-tour",
    ]);
    expect(Object.keys(snapshot.details["001-checkout-flow"])).toEqual([
      "WP01",
      "WP02",
      "WP03",
      "WP04",
      "WP05",
      "WP06",
    ]);
    expect(data).not.toContain(root); // no absolute paths
    expect(snapshotTree(root)).toEqual(before);
  });

  test("deterministic: the same state gives the same bytes (and a re-export replaces an earlier one)", async () => {
    const root = copyFixture("dashboard-demo");
    const a = join(tempDir(), "a");
    const b = join(tempDir(), "b");
    expect((await exportTo(root, a)).code).toBe(0);
    expect((await exportTo(copyFixture("dashboard-demo"), b)).code).toBe(0);
    expect(snapshotTree(a)).toEqual(snapshotTree(b));
    expect((await exportTo(root, a, false)).code).toBe(0);
    expect(snapshotTree(a)).toEqual(snapshotTree(b));
  });

  test("text from the project cannot close a script element", async () => {
    const root = copyFixture("dashboard-demo");
    const wp = join(root, "kitty-specs", "001-checkout-flow", "tasks", "WP01-cart-model.md");
    writeFileSync(
      wp,
      readFileSync(wp, "utf8").replace("title: Cart model", "title: '</script><script>alert(1)</script>'"),
    );
    const out = join(tempDir(), "site");
    expect((await exportTo(root, out)).code).toBe(0);
    const data = readFileSync(join(out, "data.js"), "utf8");
    expect(data).not.toContain("</script>");
    expect(data).toContain("\\u003c/script>");
  });

  test("a directory holding other files, or a file, is refused and left as it was", async () => {
    const root = copyFixture("dashboard-demo");
    const dir = join(tempDir(), "docs");
    mkdirSync(dir);
    writeFileSync(join(dir, "index.html"), "<p>my own page</p>\n");
    writeFileSync(join(dir, "notes.txt"), "keep me\n");
    const before = snapshotTree(dir);
    const r = await exportTo(root, dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ error_code: "DASHBOARD_EXPORT_TARGET" });
    expect(JSON.parse(r.stdout).error).toContain("notes.txt");
    expect(snapshotTree(dir)).toEqual(before);
    const file = join(dir, "notes.txt");
    const asFile = await exportTo(root, file);
    expect(asFile.code).toBe(1);
    expect(readFileSync(file, "utf8")).toBe("keep me\n");
  });

  test("the human output says where the page is", async () => {
    const root = copyFixture("dashboard-demo");
    const out = join(tempDir(), "site");
    const r = await exportTo(root, out, false);
    expect(r.stdout).toContain(`Exported 3 missions (9 work packages) to ${out}`);
    expect(r.stdout).toContain(`${out}/index.html`);
  });
});
