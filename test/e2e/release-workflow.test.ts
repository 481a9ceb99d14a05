/**
 * `.github/workflows/release.yml` as a dry run: its `run:` steps are read from the YAML and executed in
 * order, verbatim, with the job's environment, so the workflow cannot rot unseen. Two things differ
 * from a tag push, both through the environment only:
 * - `bash .ci/run` is not executed: it runs `npm install` and this very test suite (it is what CI
 *   runs on every branch anyway); the host binary it builds is the one the test preload built.
 * - the build is narrowed to linux-x64 (SPEC_KITTY_RELEASE_TARGETS): cross-compiling all 9 targets
 *   takes ~90 s and ~1.4 GB of runtimes from npm. The full asset list is checked without building.
 * - publish runs with SPEC_KITTY_RELEASE_DRY_RUN=1: it prints the `gh release create` it would run.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { TARGETS } from "../../build.ts";
import pkg from "../../package.json" with { type: "json" };
import { releaseAssets } from "../../scripts/release.ts";
import { tempDir } from "../support/fs.ts";

const ROOT = join(import.meta.dir, "..", "..");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  id?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push: { tags: string[] } };
  permissions: Record<string, string>;
  jobs: { release: { env: Record<string, string>; steps: Step[] } };
}

const workflow = parseYaml(readFileSync(join(ROOT, ".github/workflows/release.yml"), "utf8")) as Workflow;
const job = workflow.jobs.release;
const runSteps = job.steps.filter((s) => s.run !== undefined);

describe("release workflow", () => {
  test("runs on version tags, may write releases, and has the gate, build, verify and publish steps in order", () => {
    expect(workflow.on.push.tags).toEqual(["v*"]);
    expect(workflow.permissions.contents).toBe("write");
    expect(runSteps.map((s) => s.run?.split(" ").slice(0, 4).join(" "))).toEqual([
      "bash .ci/run",
      "./dist/spec-kitty agent release validate",
      "npx bun run build.ts",
      "npx bun run scripts/release.ts",
      "npx bun run scripts/release.ts",
    ]);
    expect(runSteps.at(-1)?.id).toBe("publish");
  });

  test("a full release publishes every archive, SHA256SUMS, the formula, the manifest and install.sh", () => {
    const assets = releaseAssets(TARGETS);
    expect(assets.filter((a) => /\.(tar\.gz|zip)$/.test(a))).toHaveLength(TARGETS.length);
    expect(assets.slice(TARGETS.length)).toEqual([
      "SHA256SUMS",
      "spec-kitty.rb",
      "spec-kitty.json",
      "install.sh",
    ]);
  });

  test("its steps, run as written, build a verified release and the exact upload (dry run)", () => {
    const out = tempDir("sk-release-");
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: tempDir("sk-home-"),
      TMPDIR: process.env.TMPDIR ?? "/tmp",
      ...job.env,
      RELEASE_DIR: out,
      GITHUB_REF_NAME: `v${pkg.version}`,
      SPEC_KITTY_RELEASE_TARGETS: "linux-x64",
      SPEC_KITTY_RELEASE_DRY_RUN: "1",
    };
    let published = "";
    for (const step of runSteps.slice(1)) {
      const run = Bun.spawnSync(["bash", "-eo", "pipefail", "-c", step.run as string], {
        cwd: ROOT,
        env: { ...env, ...(step.env ? { GH_TOKEN: "dry-run" } : {}) },
      });
      expect(run.exitCode, `${step.name}: ${run.stderr}${run.stdout}`).toBe(0);
      if (step.id === "publish") published = run.stdout.toString();
    }
    const plan = JSON.parse(published) as { dry_run: boolean; argv: string[] };
    expect(plan.dry_run).toBe(true);
    expect(plan.argv.slice(0, 5)).toEqual(["gh", "release", "create", `v${pkg.version}`, "--verify-tag"]);
    expect(plan.argv).toContain(`spec-kitty ${pkg.version}`);
    expect(plan.argv.includes("--prerelease")).toBe(pkg.version.includes("-"));
    const notes = plan.argv[plan.argv.indexOf("--notes") + 1] ?? "";
    expect(notes.length).toBeGreaterThan(20);
    expect(plan.argv.filter((a) => a.startsWith(out)).map((a) => a.slice(out.length + 1))).toEqual([
      "spec-kitty-linux-x64.tar.gz",
      "SHA256SUMS",
      "spec-kitty.rb",
      "install.sh",
    ]);
    // verify refuses an incomplete release: without install.sh nothing is published
    rmSync(join(out, "install.sh"));
    const verify = runSteps.find((s) => s.run?.includes("release.ts verify"))?.run as string;
    const broken = Bun.spawnSync(["bash", "-c", verify], { cwd: ROOT, env });
    expect(broken.exitCode).toBe(1);
    expect(broken.stderr.toString()).toContain("install.sh is missing");
  }, 180_000);
});
