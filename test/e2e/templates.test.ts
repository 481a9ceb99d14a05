/**
 * The slash commands and prompts, checked end to end (issue 13): a small Node project is initialised
 * for claude, put under git with the command init prints, and three missions are run by the agent
 * simulator (test/support/agent-sim.ts), which runs only what the installed templates and the
 * generated prompts print. Each mission ends merged and accepted with a clean `git status`:
 *   1. code only: two WPs, the second depends on the first;
 *   2. a planning WP that owns a root-level file (README.md), and a code WP rejected once;
 *   3. a WP the user cancels.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AgentSim, type MissionScript, runMission } from "../support/agent-sim.ts";
import { tempDir } from "../support/fs.ts";
import { git } from "../support/git.ts";

function spec(title: string, requirements: string[]): string {
  return [
    `# Specification: ${title}`,
    "",
    "## Summary",
    "",
    `People using the demo tool want ${title.toLowerCase()}.`,
    "",
    "## User Scenarios",
    "",
    "### Scenario 1: first use (Priority: P1)",
    "",
    "A user runs the tool and sees the result.",
    "",
    "## Requirements",
    "",
    ...requirements.map((r, i) => `- **FR-00${i + 1}**: ${r}`),
    "",
    "## Success Criteria",
    "",
    "- **SC-001**: the user gets the answer in one command.",
    "",
  ].join("\n");
}

function plan(title: string): string {
  return `# Implementation Plan: ${title}\n\n## Summary\n\nSmall ES modules under src/, tested with node --test.\n`;
}

interface WpDef {
  id: string;
  title: string;
  deps: string[];
  subtasks: string[];
  owned: string[];
  mode?: "code_change" | "planning_artifact";
  refs: string[];
}

function tasks(title: string, wps: WpDef[]): { tasksMd: string; wpFiles: Record<string, string> } {
  const sections = wps.map((wp) =>
    [
      `## Work Package ${wp.id}: ${wp.title} (Priority: P1)`,
      "",
      `**Goal**: ${wp.title}.`,
      `**Requirement Refs**: ${wp.refs.join(", ")}`,
      `**Dependencies**: ${wp.deps.length ? wp.deps.join(", ") : "None"}`,
      "",
      "### Included Subtasks",
      "",
      ...wp.subtasks.map((t) => `- [ ] ${t} ${wp.title}`),
      "",
    ].join("\n"),
  );
  const tasksMd = `# Work Packages: ${title}\n\n${sections.join("\n")}\n## Notes\n\n- Written by the simulated agent.\n`;
  const wpFiles = Object.fromEntries(
    wps.map((wp) => [
      `${wp.id}-${wp.title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.md`,
      [
        "---",
        `work_package_id: ${wp.id}`,
        `title: "${wp.title}"`,
        `dependencies: [${wp.deps.join(", ")}]`,
        "subtasks:",
        ...wp.subtasks.map((t) => `  - ${t}`),
        "owned_files:",
        ...wp.owned.map((f) => `  - "${f}"`),
        `execution_mode: ${wp.mode ?? "code_change"}`,
        "requirement_refs:",
        ...wp.refs.map((r) => `  - ${r}`),
        "---",
        "",
        `# ${wp.id}: ${wp.title}`,
        "",
        `Change ${wp.owned.join(", ")} as the plan says.`,
        "",
      ].join("\n"),
    ]),
  );
  return { tasksMd, wpFiles };
}

const greeting: MissionScript = {
  slug: "greeting",
  spec: spec("A greeting", ["The tool MUST greet a name.", "The CLI MUST print the greeting."]),
  plan: plan("A greeting"),
  ...tasks("A greeting", [
    {
      id: "WP01",
      title: "Greeting function",
      deps: [],
      subtasks: ["T001", "T002"],
      owned: ["src/greet.js", "test/greet.test.js"],
      refs: ["FR-001"],
    },
    {
      id: "WP02",
      title: "Command line",
      deps: ["WP01"],
      subtasks: ["T003"],
      owned: ["src/cli.js"],
      refs: ["FR-002"],
    },
  ]),
  work: {
    WP01: () => ({
      "src/greet.js": `export const greet = (name) => \`Hello, \${name}!\`;\n`,
      "test/greet.test.js":
        "import { greet } from '../src/greet.js';\nif (greet('a') !== 'Hello, a!') throw 1;\n",
    }),
    WP02: () => ({
      "src/cli.js": "import { greet } from './greet.js';\nconsole.log(greet(process.argv[2]));\n",
    }),
  },
};

const docsAndConfig: MissionScript = {
  slug: "docs-and-config",
  spec: spec("Docs and config", ["The README MUST explain the tool.", "The tool MUST read its config."]),
  plan: plan("Docs and config"),
  ...tasks("Docs and config", [
    {
      id: "WP01",
      title: "User guide",
      deps: [],
      subtasks: ["T001"],
      owned: ["README.md"],
      mode: "planning_artifact",
      refs: ["FR-001"],
    },
    {
      id: "WP02",
      title: "Config loader",
      deps: [],
      subtasks: ["T002"],
      owned: ["src/config.js"],
      refs: ["FR-002"],
    },
  ]),
  work: {
    WP01: () => ({ "README.md": "# demo\n\nRun `node src/cli.js <name>`.\n" }),
    WP02: (attempt) => ({
      "src/config.js":
        attempt === 0
          ? "export const config = {};\n"
          : "export const config = { greeting: process.env.GREETING ?? 'Hello' };\n",
    }),
  },
  review: (wp, attempt) =>
    wp === "WP02" && attempt === 0 ? "The config ignores GREETING; read it.\n" : null,
};

const farewell: MissionScript = {
  slug: "farewell",
  spec: spec("A farewell", ["The tool MUST say goodbye.", "The old alias MAY stay.", "The CLI MUST say it."]),
  plan: plan("A farewell"),
  ...tasks("A farewell", [
    {
      id: "WP01",
      title: "Farewell",
      deps: [],
      subtasks: ["T001"],
      owned: ["src/farewell.js"],
      refs: ["FR-001"],
    },
    {
      id: "WP02",
      title: "Legacy alias",
      deps: [],
      subtasks: ["T002"],
      owned: ["src/legacy.js"],
      refs: ["FR-002"],
    },
    {
      id: "WP03",
      title: "Bye command",
      deps: ["WP01"],
      subtasks: ["T003"],
      owned: ["src/bye.js"],
      refs: ["FR-003"],
    },
  ]),
  work: {
    WP01: () => ({ "src/farewell.js": `export const bye = (n) => \`Bye, \${n}!\`;\n` }),
    WP02: () => ({ "src/legacy.js": "never written\n" }),
    WP03: () => ({ "src/bye.js": "import { bye } from './farewell.js';\nconsole.log(bye('x'));\n" }),
  },
  cancel: ["WP02"],
};

/** A small Node project, initialised for claude and put under git with the command init printed. */
async function project(): Promise<AgentSim> {
  const base = tempDir();
  const root = join(base, "demo");
  mkdirSync(join(root, "src"), { recursive: true });
  writeFileSync(join(root, "package.json"), '{ "name": "demo", "type": "module" }\n');
  writeFileSync(join(root, "src", "index.js"), "export {};\n");
  mkdirSync(join(base, "tmp"));
  const sim = new AgentSim(root, "claude", join(base, "tmp"));
  const init = await sim.run("spec-kitty init --ai claude --non-interactive");
  const firstCommit = /: (git init && .+)$/m.exec(init.stdout)?.[1];
  expect(firstCommit, init.stdout).toBeDefined();
  await sim.run(firstCommit as string);
  return sim;
}

function expectFinished(sim: AgentSim, slug: string, lanes: Record<string, string>): void {
  expect(git(sim.root, "status", "--porcelain", "--untracked-files=all")).toBe("");
  const meta = JSON.parse(readFileSync(join(sim.root, "kitty-specs", slug, "meta.json"), "utf8"));
  expect(typeof meta.accepted_at).toBe("string");
  const status = JSON.parse(readFileSync(join(sim.root, "kitty-specs", slug, "status.json"), "utf8"));
  expect(
    Object.fromEntries(
      Object.entries(status.work_packages).map(([id, s]) => [id, (s as { lane: string }).lane]),
    ),
  ).toEqual(lanes);
  expect(git(sim.root, "worktree", "list", "--porcelain").match(/^worktree /gm)).toHaveLength(1);
  expect(git(sim.root, "branch", "--list", "kitty/*")).toBe("");
}

describe("the installed templates and the prompts, followed word for word", () => {
  test("three missions on one project: code only; a planning WP and a rejection; a canceled WP — each merged, accepted, with a clean git status", async () => {
    const sim = await project();
    const branch = git(sim.root, "branch", "--show-current");

    const first = await runMission(sim, greeting);
    expect(first.trail).toEqual([
      "plan",
      "tasks",
      "implement WP01",
      "review WP01",
      "implement WP02",
      "review WP02",
      "accept",
      "merge",
    ]);
    expectFinished(sim, first.missionSlug, { WP01: "done", WP02: "done" });
    for (const file of ["src/greet.js", "test/greet.test.js", "src/cli.js"])
      expect(git(sim.root, "cat-file", "-t", `${branch}:${file}`)).toBe("blob");

    const second = await runMission(sim, docsAndConfig);
    expect(second.trail.filter((t) => t === "implement WP02")).toHaveLength(2);
    expect(second.reviewPrompts["WP02#1"]).toContain("The config ignores GREETING; read it.");
    expectFinished(sim, second.missionSlug, { WP01: "done", WP02: "done" });
    expect(git(sim.root, "show", `${branch}:src/config.js`)).toContain("GREETING");
    expect(git(sim.root, "show", `${branch}:README.md`)).toContain("node src/cli.js");
    // The planning WP's commit held its own file only: the agent's folders were never swept in.
    expect(git(sim.root, "log", "--format=%s", "-1", "--", "README.md")).toContain("WP01");

    const third = await runMission(sim, farewell);
    expect(third.trail).not.toContain("implement WP02");
    expectFinished(sim, third.missionSlug, { WP01: "done", WP02: "canceled", WP03: "done" });
    expect(existsSync(join(sim.root, "src", "legacy.js"))).toBe(false);
    expect(git(sim.root, "cat-file", "-t", `${branch}:src/bye.js`)).toBe("blob");
  }, 600_000);
});
