import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expectFullyMerged, preparedRepo, SLUG, sk } from "./merge-setup.ts";

/** Every journal step of the fixture's full merge, in order. */
const STEPS = [
  "plan",
  "driver",
  "lane:lane-a",
  "lane:lane-b",
  "target",
  "verify",
  "done:WP01",
  "done:WP03",
  "done:WP02",
  "done:WP04",
  "commit-status",
  "cleanup",
];

const merge = (root: string, env: Record<string, string> = {}, ...extra: string[]) =>
  sk(root, ["merge", "--mission", SLUG, "--json", ...extra], env);

describe("merge killed at every step resumes with the same command", () => {
  test("the plan lists exactly these steps", async () => {
    const root = await preparedRepo();
    const out = JSON.parse((await merge(root, {}, "--dry-run")).stdout);
    expect(out.steps).toEqual(STEPS);
  }, 120_000);

  // Killed after every step (the brief's contract), and inside the steps whose effect can be half-recorded
  // in git or the log (the effect is there but the journal still says `started`).
  const INSIDE = ["driver", "lane:lane-b", "target", "verify", "done:WP02", "commit-status", "cleanup"];
  for (const when of ["after", "inside"] as const) {
    for (const step of when === "after" ? STEPS : INSIDE) {
      test(`killed ${when} ${step}`, async () => {
        const root = await preparedRepo();
        const killed = await merge(root, { SPEC_KITTY_FAULT: `merge-${when}:${step}` });
        expect(killed.code).not.toBe(0);
        expect(killed.stdout).toBe(""); // it died before it could report anything
        const journalFile = join(root, ".kittify/runtime/merge", SLUG, "journal.json");
        expect(existsSync(journalFile)).toBe(true);
        const journal = JSON.parse(readFileSync(journalFile, "utf8"));
        const recorded = journal.steps.find((s: { id: string }) => s.id === step).status;
        expect(recorded).toBe(when === "after" ? "done" : "started");

        const resumed = await merge(root);
        expect(resumed.stderr).toBe("");
        expect(resumed.code).toBe(0);
        const out = JSON.parse(resumed.stdout);
        expect(out.resumed).toBe(true);
        expectFullyMerged(root);
        expect(JSON.parse(readFileSync(journalFile, "utf8")).state).toBe("completed");
      }, 120_000);
    }
  }
});
