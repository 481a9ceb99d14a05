/** Worktree setup from .kittify/config.yaml, applied when `implement` creates a lane worktree. */
import { expect, test } from "bun:test";
import { appendFileSync, existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { actionArgs, loopProject, SLUG } from "./loop-setup.ts";

const setup = (run: string[], extra = "") =>
  `worktrees:\n  setup:\n    link: [node_modules${extra}]\n    copy: [.env]\n    run: ${JSON.stringify(run)}\n`;

test("link, copy and run are applied on creation, not on reuse", async () => {
  const p = await loopProject(setup(["echo ran >> setup-ran.txt", "test -L node_modules"]));
  mkdirSync(join(p.root, "node_modules", "dep"), { recursive: true });
  writeFileSync(join(p.root, ".env"), "SECRET=1\n");
  const out = await p.ok(actionArgs("implement", "WP01", "--json"));
  const ws = join(p.root, ".worktrees", `${SLUG}-lane-a`);
  expect(lstatSync(join(ws, "node_modules")).isSymbolicLink()).toBe(true);
  expect(existsSync(join(ws, "node_modules", "dep"))).toBe(true);
  expect(readFileSync(join(ws, ".env"), "utf8")).toBe("SECRET=1\n");
  expect(readFileSync(join(ws, "setup-ran.txt"), "utf8")).toBe("ran\n");
  expect(out.setup).toEqual({
    linked: ["node_modules"],
    copied: [".env"],
    ran: [
      { command: "echo ran >> setup-ran.txt", exit_code: 0 },
      { command: "test -L node_modules", exit_code: 0 },
    ],
    skipped: [],
  });
  // Reuse (resume) applies nothing again; the setup's own files never make the worktree "dirty".
  const again = await p.ok(actionArgs("implement", "WP01", "--json"));
  expect(again).toMatchObject({ resumed: true, worktree_created: false, setup: null });
  expect(readFileSync(join(ws, "setup-ran.txt"), "utf8")).toBe("ran\n");
}, 60_000);

test("a failing run step is reported (step, exit code, stderr tail), the worktree is kept, the WP is not claimed", async () => {
  const p = await loopProject(setup(["echo fine", "echo 'install exploded' >&2; exit 3"]));
  const out = await p.sk(actionArgs("implement", "WP01", "--json"));
  expect(out.code).toBe(1);
  const err = JSON.parse(out.stdout);
  expect(err.error_code).toBe("WORKTREE_SETUP_FAILED");
  expect(err.error).toContain("run[1]");
  expect(err.error).toContain("exit code 3");
  expect(err.details).toMatchObject({ exit_code: 3, stderr_tail: "install exploded" });
  expect(existsSync(join(p.root, ".worktrees", `${SLUG}-lane-a`))).toBe(true);
  expect(p.lanes().WP01).toBe("planned");
  const human = await p.sk(actionArgs("implement", "WP02"));
  expect(human.code).toBe(1);
  expect(human.stderr).toContain("exit code 3");
  expect(human.stderr).toContain("was kept");
}, 60_000);

test("setup paths must stay inside the project; a bad config is an error naming the file", async () => {
  const p = await loopProject(setup([], ", ../outside"));
  const out = await p.sk(actionArgs("implement", "WP01"));
  expect(out.code).toBe(1);
  expect(out.stderr).toContain("outside the project");
  const q = await loopProject();
  appendFileSync(
    join(q.root, ".kittify", "config.yaml"),
    "worktrees:\n  setup:\n    links: [node_modules]\n",
  );
  const bad = await q.sk(actionArgs("implement", "WP01"));
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain(".kittify/config.yaml");
}, 60_000);
