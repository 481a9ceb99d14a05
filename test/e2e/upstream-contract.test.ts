/**
 * Writing what upstream can read: a project this binary initialised and drove through finalize,
 * implement, a rejected review, a re-implementation and an approval, checked against the constraints
 * upstream's readers enforce (spec-kitty 3.1.1 through 3.2.6rc2, read from their code and confirmed by
 * running their reducers and strict models on real data; see README "Working with spec-kitty (Python)").
 * Upstream's Python cannot run in CI, so each constraint is encoded here as a check on our output.
 */
import { expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parse as parseYaml } from "yaml";
import { FIXTURES, tempDir } from "../support/fs.ts";
import { git, gitEnv, initRepo } from "../support/git.ts";
import { runBin } from "../support/run.ts";
import { commandIn } from "./loop-setup.ts";

/** The strict `WPMetadata` model's keys at v3.1.1 (upstream status/wp_metadata.py, extra="forbid"). */
const V311_WP_KEYS = [
  "work_package_id",
  "title",
  "dependencies",
  "base_branch",
  "base_commit",
  "created_at",
  "planning_base_branch",
  "merge_target_branch",
  "branch_strategy",
  "requirement_refs",
  "priority",
  "execution_mode",
  "owned_files",
  "authoritative_surface",
  "task_type",
  "subtasks",
  "phase",
  "phases",
  "assignee",
  "agent",
  "model",
  "agent_profile",
  "role",
  "shell_pid",
  "history",
  "lane",
  "feature_slug",
  "activity_log",
  "review_status",
  "reviewed_by",
  "approved_by",
  "reviewer",
  "reviewer_agent",
  "reviewer_shell_pid",
  "review_feedback",
  "review_feedback_file",
  "subtitle",
  "description",
  "estimated_duration",
  "tags",
  "mission_id",
  "mission_number",
  "mission_slug",
  "status",
  "wp_code",
  "branch_strategy_override",
  "work_package_title",
];
/** v3.2.6rc1+ adds tracker_refs, create_intent, scope, shell_pid_created_at and drops branch_strategy_override. */
const V326_WP_KEYS = [
  ...V311_WP_KEYS.filter((k) => k !== "branch_strategy_override"),
  "tracker_refs",
  "create_intent",
  "scope",
  "shell_pid_created_at",
];
const EVENT_KEYS = [
  "actor",
  "at",
  "event_id",
  "evidence",
  "execution_mode",
  "force",
  "from_lane",
  "mission_slug",
  "policy_metadata",
  "reason",
  "review_ref",
  "to_lane",
  "wp_id",
];
/** The lanes v3.1.1's `Lane` knows: no `genesis` (3.2 only), and never an alias such as `doing`. */
const V311_LANES = [
  "planned",
  "claimed",
  "in_progress",
  "for_review",
  "in_review",
  "approved",
  "done",
  "blocked",
  "canceled",
];
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

type Decision = Record<string, unknown> & { kind: string; action: string | null; wp_id: string | null };

/** init → mission create → our authored planning files → finalize → the `next` loop to accept, one rejection. */
async function driveProject(): Promise<{ root: string; slug: string }> {
  const base = tempDir();
  const root = join(base, "harbour");
  const env = { ...gitEnv(), TMPDIR: join(base, "tmp") };
  mkdirSync(env.TMPDIR, { recursive: true });
  const sk = async (args: string[], cwd = root) => {
    const run = await runBin(args, { cwd, env });
    if (run.code !== 0)
      throw new Error(`spec-kitty ${args.join(" ")} exited ${run.code}: ${run.stderr}${run.stdout}`);
    return args.includes("--json") ? (JSON.parse(run.stdout) as Record<string, unknown>) : {};
  };
  await sk(["init", "harbour", "--ai", "claude", "--non-interactive"], base);
  initRepo(root);
  const created = await sk(["agent", "mission", "create", "report-tool", "--json"]);
  const slug = created.mission_slug as string;
  const authored = join(FIXTURES, "mission-tasks", "kitty-specs", "001-report-tool");
  for (const name of ["spec.md", "plan.md", "tasks.md", "tasks"])
    cpSync(join(authored, name), join(root, "kitty-specs", slug, name), { recursive: true });
  cpSync(join(FIXTURES, "mission-tasks", "src"), join(root, "src"), { recursive: true });
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", "plan the mission");
  // finalize-tasks commits its own files (auto_commit is on in a project init made).
  await sk(["agent", "mission", "finalize-tasks", "--mission", slug, "--json"]);
  expect(git(root, "status", "--porcelain")).toBe("");

  let rejected = false;
  let decision = (await sk(["next", "--agent", "claude", "--mission", slug, "--json"])) as Decision;
  for (let step = 0; step < 40 && decision.action !== "accept"; step++) {
    const prompt = decision.prompt_file as string;
    const wp = decision.wp_id as string;
    if (decision.action === "implement") {
      const out = await sk([...commandIn(prompt, "agent action implement"), "--json"]);
      const ws = out.workspace_path as string;
      // The planning WP's own files are the mission's documents; a code WP's anything in its lane.
      const file =
        wp === "WP04" ? join(ws, "kitty-specs", slug, "quickstart.md") : join(ws, "work", `${wp}.txt`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${wp} ${rejected ? "again" : "first"}\n`);
      git(ws, "add", "-A");
      git(ws, "commit", "-q", "-m", `${wp}: work`);
      await sk(commandIn(out.prompt_file as string, "mark-status"), ws);
      await sk(commandIn(out.prompt_file as string, "--to for_review"), ws);
    } else if (decision.action === "review") {
      const out = await sk([...commandIn(prompt, "agent action review"), "--json"]);
      const reviewPrompt = out.prompt_file as string;
      if (wp === "WP01" && !rejected) {
        rejected = true;
        const feedback = join(root, out.feedback_path as string);
        mkdirSync(dirname(feedback), { recursive: true });
        writeFileSync(feedback, "The header row is dropped.\n");
        await sk(commandIn(reviewPrompt, "--to planned"), decision.workspace_path as string);
      } else await sk(commandIn(reviewPrompt, "--to approved"), decision.workspace_path as string);
    } else throw new Error(`unexpected decision ${JSON.stringify(decision)}`);
    decision = (await sk([
      "next",
      "--agent",
      "claude",
      "--mission",
      slug,
      "--result",
      "success",
      "--json",
    ])) as Decision;
  }
  expect(decision.action).toBe("accept");
  expect(rejected).toBe(true);
  return { root, slug };
}

function frontmatter(path: string): Record<string, unknown> {
  const text = readFileSync(path, "utf8");
  const end = text.indexOf("\n---", 4);
  return (parseYaml(text.slice(4, end)) ?? {}) as Record<string, unknown>;
}

test("a project we initialised and drove through the loop stays readable by upstream 3.1.1 … 3.2.6", async () => {
  const { root, slug } = await driveProject();
  const dir = join(root, "kitty-specs", slug);

  // .kittify/metadata.yaml: 3.2's gate needs schema_version 3 (else "requires migration", exit 4).
  const metadata = parseYaml(readFileSync(join(root, ".kittify", "metadata.yaml"), "utf8"));
  expect(metadata.spec_kitty.schema_version).toBe(3);
  expect(metadata.spec_kitty.schema_capabilities).toEqual({
    canonical_context: true,
    event_log_authority: true,
    ownership_manifest: true,
    thin_shims: true,
  });

  // meta.json: the keys 3.2.5 requires when it rewrites the file, a number 3.1 keeps and 3.2 coerces.
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8"));
  for (const key of ["slug", "mission_slug", "friendly_name", "mission_type", "target_branch", "created_at"])
    expect({ key, ok: typeof meta[key] === "string" && meta[key] !== "" }).toEqual({ key, ok: true });
  expect(meta.mission_number).toMatch(/^\d{3}$/);
  expect(meta.mission_id).toMatch(ULID);
  expect(slug).toBe(`${meta.mission_number}-report-tool`);

  // status.events.jsonl: only lane rows a 3.1.1 reader parses (no genesis, no alias, no 3.2 row
  // families); the 13 keys always, plus mission_id and review_result (ignored before 3.2.6, read after).
  const rows = readFileSync(join(dir, "status.events.jsonl"), "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(rows.length).toBeGreaterThan(10);
  let reviewExits = 0;
  for (const row of rows) {
    const keys = Object.keys(row);
    expect(keys).toEqual([...keys].sort());
    expect(EVENT_KEYS.every((k) => k in row)).toBe(true);
    expect(
      keys.filter((k) => !EVENT_KEYS.includes(k)).every((k) => k === "mission_id" || k === "review_result"),
    ).toBe(true);
    expect(V311_LANES).toContain(row.from_lane);
    expect(V311_LANES).toContain(row.to_lane);
    expect(typeof row.actor === "string" && row.actor !== "").toBe(true);
    expect(row.mission_slug).toBe(slug);
    expect(row.mission_id).toBe(meta.mission_id);
    // Truthy evidence must carry `review` (3.1.1's DoneEvidence.from_dict reads it unconditionally).
    if (row.evidence)
      expect(Object.keys(row.evidence.review).sort()).toEqual(["reference", "reviewer", "verdict"]);
    if (row.from_lane === "in_review" && !["blocked", "canceled"].includes(row.to_lane)) {
      reviewExits++;
      const result = row.review_result;
      expect(["approved", "changes_requested"]).toContain(result.verdict);
      for (const k of ["reviewer", "reference"]) expect(result[k].trim()).not.toBe("");
      if (result.verdict === "changes_requested")
        expect(existsSync(join(root, result.feedback_path))).toBe(true);
    } else expect(row.review_result).toBeUndefined();
  }
  expect(reviewExits).toBeGreaterThanOrEqual(5); // 4 approvals and the rejection

  // WP files: only keys every strict model from 3.1.1 to 3.2.6 admits, with values they accept.
  const tasks = join(dir, "tasks");
  for (const name of readdirSync(tasks).filter((n) => n.endsWith(".md") && n.startsWith("WP"))) {
    const fm = frontmatter(join(tasks, name));
    for (const key of Object.keys(fm)) {
      expect({ name, key, v311: V311_WP_KEYS.includes(key) }).toEqual({ name, key, v311: true });
      expect({ name, key, v326: V326_WP_KEYS.includes(key) }).toEqual({ name, key, v326: true });
    }
    expect(fm.work_package_id).toMatch(/^WP\d{2,}$/);
    if (fm.base_commit !== undefined) expect(String(fm.base_commit)).toMatch(/^([0-9a-f]{7,40}|unknown)$/);
    if (fm.shell_pid !== undefined && fm.shell_pid !== "") expect(String(fm.shell_pid)).toMatch(/^\d+$/);
    if (fm.title !== undefined) expect(String(fm.title).trim()).not.toBe("");
    for (const list of ["dependencies", "requirement_refs", "owned_files", "subtasks"])
      if (fm[list] !== undefined) expect(Array.isArray(fm[list])).toBe(true);
    expect(fm.lane).toBeUndefined();
  }

  // review-cycle-N.md: the frontmatter 3.1.1 and 3.2.5's parsers require (3.2.6 ignores the verdict).
  const cycle = frontmatter(join(tasks, "WP01-csv-parser", "review-cycle-1.md"));
  expect(Object.keys(cycle).sort()).toEqual([
    "affected_files",
    "cycle_number",
    "mission_slug",
    "reproduction_command",
    "reviewed_at",
    "reviewer_agent",
    "verdict",
    "wp_id",
  ]);
  expect([cycle.verdict, cycle.cycle_number, cycle.wp_id, cycle.mission_slug]).toEqual([
    "rejected",
    1,
    "WP01",
    slug,
  ]);
  expect(String(cycle.reviewed_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

  // lanes.json: the keys every reader requires (else CorruptLanesError), keyed by mission_slug.
  const lanes = JSON.parse(readFileSync(join(dir, "lanes.json"), "utf8"));
  for (const key of [
    "version",
    "mission_slug",
    "mission_branch",
    "target_branch",
    "lanes",
    "computed_at",
    "computed_from",
  ])
    expect(key in lanes).toBe(true);
  expect([lanes.mission_slug, lanes.mission_id, lanes.mission_branch]).toEqual([
    slug,
    meta.mission_id,
    `kitty/mission-${slug}`,
  ]);

  // Branches and worktrees: the names 3.1 and 3.2 compose for a numbered mission (lane branches and
  // worktrees from the directory name; 3.2's merge takes mission_branch from lanes.json).
  const codeLanes = (lanes.lanes as { lane_id: string }[])
    .map((l) => l.lane_id)
    .filter((l) => l !== "lane-planning");
  const branches = git(root, "branch", "--format=%(refname:short)")
    .split("\n")
    .filter((b) => b.startsWith("kitty/"));
  expect(branches.sort()).toEqual(codeLanes.map((l) => `kitty/mission-${slug}-${l}`).sort());
  expect(readdirSync(join(root, ".worktrees")).sort()).toEqual(codeLanes.map((l) => `${slug}-${l}`).sort());
}, 240_000);
