/**
 * `charter interview|generate|status|context`, the charter context in the prompts of `next` and
 * `agent action implement|review`, and `research`, end to end (compiled binary). The interactive
 * interview runs in a real pseudo-terminal, as init's picker does.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { copyFixture, snapshotTree, tempDir } from "../support/fs.ts";
import { git } from "../support/git.ts";
import { runBin } from "../support/run.ts";
import { runInTerminal, type TerminalStep } from "../support/terminal.ts";
import { actionArgs, loopProject, SLUG } from "./loop-setup.ts";

async function project(): Promise<string> {
  const root = tempDir();
  expect((await runBin(["init", "p", "--ai", "claude", "--non-interactive"], { cwd: root })).code).toBe(0);
  return join(root, "p");
}

const charter = (dir: string, ...args: string[]) => runBin(["charter", ...args], { cwd: dir });
async function charterJson(dir: string, ...args: string[]): Promise<Record<string, unknown>> {
  const r = await charter(dir, ...args, "--json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}
const ANSWERS = ".kittify/charter/interview/answers.yaml";
const CHARTER = ".kittify/charter/charter.md";
const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");

describe("charter", () => {
  test("interview --defaults writes upstream-shaped answers (7 minimal, 11 comprehensive), keeping other keys", async () => {
    const dir = await project();
    const out = await charterJson(dir, "interview", "--defaults");
    expect(out.interview_path).toBe(ANSWERS);
    const answers = parseYaml(read(dir, ANSWERS)) as Record<string, unknown>;
    expect(answers).toMatchObject({ schema_version: "1.0.0", mission: "software-dev", profile: "minimal" });
    expect(Object.keys(answers.answers as object)).toHaveLength(7);
    writeFileSync(join(dir, ANSWERS), `${read(dir, ANSWERS)}agent_profile: kept-by-us\n`);
    await charterJson(dir, "interview", "--defaults", "--profile", "comprehensive");
    const again = parseYaml(read(dir, ANSWERS)) as Record<string, unknown>;
    expect(Object.keys(again.answers as object)).toHaveLength(11);
    expect(again.agent_profile).toBe("kept-by-us");
  });

  test("an answers file edited into invalid form: generate names the file and line, writes nothing", async () => {
    const dir = await project();
    await charterJson(dir, "interview", "--defaults");
    writeFileSync(join(dir, ANSWERS), "answers:\n  project_intent: [unclosed\n");
    const before = snapshotTree(dir);
    const r = await charter(dir, "generate");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${ANSWERS} line`);
    expect(snapshotTree(dir)).toEqual(before);
  });

  test("without a terminal and without --defaults it refuses and writes nothing", async () => {
    const dir = await project();
    const before = snapshotTree(dir);
    const r = await charter(dir, "interview");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--defaults");
    expect(snapshotTree(dir)).toEqual(before);
  });

  test("generate → synced; answers changed → stale; edited by hand → edited, and generate needs --force (backup kept)", async () => {
    const dir = await project();
    expect((await charterJson(dir, "status")).status).toBe("missing");
    await charterJson(dir, "interview", "--defaults");
    const gen = await charterJson(dir, "generate");
    expect(gen).toMatchObject({ charter_path: CHARTER, interview_source: "interview", written: true });
    const text = read(dir, CHARTER);
    expect(text).toContain("## Policy Summary");
    expect(text).toContain("## Testing Requirements");
    expect((await charterJson(dir, "status")).status).toBe("synced");
    expect((await charterJson(dir, "generate")).written).toBe(false);

    writeFileSync(
      join(dir, ANSWERS),
      read(dir, ANSWERS).replace(
        /testing_requirements: .*/,
        "testing_requirements: Mutation tests on the parser.",
      ),
    );
    expect((await charterJson(dir, "status")).status).toBe("stale");
    await charterJson(dir, "generate");
    expect(read(dir, CHARTER)).toContain("Mutation tests on the parser.");
    expect((await charterJson(dir, "status")).status).toBe("synced");

    writeFileSync(join(dir, CHARTER), `${read(dir, CHARTER)}\n## Notes\n\nOur own addition.\n`);
    expect((await charterJson(dir, "status")).status).toBe("edited");
    const before = snapshotTree(dir);
    const refused = await charter(dir, "generate", "--json");
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error_code).toBe("CHARTER_EDITED");
    expect(snapshotTree(dir)).toEqual(before);
    const forced = await charterJson(dir, "generate", "--force");
    expect(read(dir, (forced.backups as string[])[0] as string)).toContain("Our own addition.");
  });

  test("context: the summary plus the sections of the action; a hand-written or legacy charter works too", async () => {
    const dir = await project();
    const missing = await charterJson(dir, "context", "--action", "implement");
    expect(missing.mode).toBe("missing");
    await charterJson(dir, "interview", "--defaults");
    await charterJson(dir, "generate");
    const implement = await charterJson(dir, "context", "--action", "implement");
    expect(implement.mode).toBe("full");
    expect(implement.sections).toEqual([
      "Languages and Frameworks",
      "Testing Requirements",
      "Quality Gates",
      "Performance Targets",
    ]);
    expect(String(implement.text)).toContain("Policy summary:\n- **Intent**:");
    const review = await charterJson(dir, "context", "--action", "review");
    expect(review.sections).toEqual(["Testing Requirements", "Quality Gates", "Review Policy"]);
    // an upstream-era constitution, before upgrade moved it
    const old = copyFixture("era-3.0");
    const legacyDir = join(old, ".kittify/memory");
    Bun.spawnSync(["mkdir", "-p", legacyDir]);
    writeFileSync(
      join(legacyDir, "constitution.md"),
      "# C\n\n## Policy Summary\n\n- Test first.\n\n## Code Review\n\nTwo reviewers.\n",
    );
    const legacy = await charterJson(old, "context", "--action", "review");
    expect(legacy.source).toBe(".kittify/memory/constitution.md");
    expect(String(legacy.text)).toContain("- Test first.");
    expect(String(legacy.text)).toContain("Two reviewers.");
    expect(String(legacy.text)).toContain("spec-kitty upgrade");
  });

  test("the prompts of next and agent action implement|review carry the charter context of their action", async () => {
    const p = await loopProject();
    await p.ok(["charter", "interview", "--defaults", "--json"]);
    await p.ok(["charter", "generate", "--json"]);
    const next = await p.ok(["next", "--agent", "claude", "--mission", SLUG, "--json"]);
    const nextPrompt = readFileSync(String(next.prompt_file), "utf8");
    expect(nextPrompt).toContain("## Project charter");
    expect(nextPrompt).toContain("Project charter for this implement step");
    const implement = await p.ok(actionArgs("implement", "WP01", "--json"));
    const implementPrompt = readFileSync(String(implement.prompt_file), "utf8");
    expect(implementPrompt).toContain("Testing Requirements:");
    expect(implementPrompt).not.toContain("Review Policy:");
    await p.ok([
      "agent",
      "tasks",
      "mark-status",
      "T001,T002,T003,T004,T005",
      "--status",
      "done",
      "--mission",
      SLUG,
    ]);
    writeFileSync(join(p.root, "kitty-specs", SLUG, "quickstart.md"), "# Quickstart\n");
    git(p.root, "add", `kitty-specs/${SLUG}/quickstart.md`);
    git(p.root, "commit", "-q", "-m", "WP04: quickstart");
    await p.ok([
      "agent",
      "tasks",
      "move-task",
      "WP04",
      "--to",
      "for_review",
      "--agent",
      "claude",
      "--mission",
      SLUG,
    ]);
    const review = await p.ok(actionArgs("review", "WP04", "--json"));
    const reviewPrompt = readFileSync(String(review.prompt_file), "utf8");
    expect(reviewPrompt).toContain("Project charter for this review step");
    expect(reviewPrompt).toContain("Review Policy:");
  });
});

/** `charter interview` in a pseudo-terminal, played step by step (see test/support/terminal.ts). */
async function interviewInTerminal(cwd: string, steps: TerminalStep[]): Promise<number> {
  return (await runInTerminal(cwd, "charter interview", steps, { cols: 160, rows: 50 })).code;
}

describe.skipIf(!Bun.which("script"))("charter interview in a real terminal", () => {
  test("asks each question, proposing an answer; typed text is saved", async () => {
    const dir = await project();
    const questions = [
      "What is the project for",
      "Which languages",
      "How is the code tested",
      "Which checks must pass",
      "How is work reviewed",
      "Which speed, size",
      "Where and how does it run",
    ];
    const code = await interviewInTerminal(dir, [
      { after: questions[0] as string, keys: " Mostly for harbour masters.\r" },
      ...questions.slice(1).map((q) => ({ after: q, keys: "\r" })),
    ]);
    expect(code).toBe(0);
    const answers = (parseYaml(read(dir, ANSWERS)) as { answers: Record<string, string> }).answers;
    expect(answers.project_intent).toEndWith("Mostly for harbour masters.");
    expect(Object.keys(answers)).toHaveLength(7);
  });

  test("ctrl-c cancels: exit 1, nothing written", async () => {
    const dir = await project();
    const code = await interviewInTerminal(dir, [{ after: "What is the project for", keys: "\u0003" }]);
    expect(code).toBe(1);
    expect(existsSync(join(dir, ANSWERS))).toBe(false);
  });
});

describe("research", () => {
  test("scaffolds research.md, data-model.md and the evidence CSVs; keeps existing files unless --force", async () => {
    const p = await loopProject();
    const out = await p.ok(["research", "--mission", SLUG, "--json"]);
    const base = `kitty-specs/${SLUG}`;
    expect(out.created).toEqual([
      `${base}/research.md`,
      `${base}/data-model.md`,
      `${base}/research/evidence-log.csv`,
      `${base}/research/source-register.csv`,
    ]);
    const header = (file: string) =>
      read(p.root, file)
        .split("\n")
        .find((l) => !l.startsWith("#"));
    expect(header(`${base}/research/evidence-log.csv`)).toBe(
      "timestamp,source_type,citation,key_finding,confidence,notes",
    );
    expect(header(`${base}/research/source-register.csv`)).toBe(
      "source_id,citation,url,accessed_date,relevance,status",
    );
    expect(read(p.root, `${base}/research.md`)).toContain(`Mission: \`${SLUG}\``);
    writeFileSync(join(p.root, base, "research.md"), "my findings\n");
    const again = await p.ok(["research", "--mission", SLUG, "--json"]);
    expect(again.created).toEqual([]);
    expect(read(p.root, `${base}/research.md`)).toBe("my findings\n");
    const forced = await p.ok(["research", "--mission", SLUG, "--force", "--json"]);
    expect(forced.replaced).toHaveLength(4);
    expect(read(p.root, (forced.backups as string[])[0] as string)).toBe("my findings\n");
    const unknown = await p.sk(["research", "--mission", "nope"]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(SLUG);
  });
});
