/**
 * Hand-written accept/reject samples for every schema in src/schema/defs/ (used by
 * schema-conformance.test.ts). Invalid samples each break one rule, so a disagreement points at it.
 */
import type { SchemaName } from "../../src/schema/runtime.ts";

interface Samples {
  valid: unknown[];
  invalid: unknown[];
  /**
   * Known, accepted differences: arktype's `object` includes arrays, JSON Schema's does not, so an array
   * where a table/mapping belongs is refused at run time (it is always a mistake in our files).
   */
  arrayForObject?: unknown[];
}

function withoutKey<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

const event = {
  event_id: "01J0000000000000000000000A",
  wp_id: "WP01",
  from_lane: "planned",
  to_lane: "claimed",
  at: "2026-01-01T00:00:00+00:00",
  actor: "claude",
  force: false,
  reason: null,
  review_ref: null,
  execution_mode: "worktree",
  evidence: null,
  policy_metadata: null,
  mission_slug: "001-x",
};

const creds = {
  tokens: { access: "a", refresh: "r", access_expires_at: "2026-01-01T00:00:00+00:00" },
  user: { username: "u" },
  server: { url: "https://example.test" },
};

const journalLane = { lane_id: "lane-a", branch: "kitty/x-lane-a", wp_ids: ["WP01"], action: "merge" };
const journalStep = { id: "plan", status: "done", started_at: null, finished_at: null };
const journal = {
  version: 1,
  mission_slug: "001-x",
  target_branch: "main",
  mission_branch: "kitty/mission-001-x",
  strategy: "merge",
  push: false,
  state: "running",
  started_at: "t",
  updated_at: "t",
  lanes: [journalLane],
  done_wps: [],
  skipped_wps: [],
  steps: [journalStep],
};

const counts = {
  planned: 1,
  claimed: 0,
  in_progress: 0,
  for_review: 0,
  in_review: 0,
  approved: 0,
  done: 0,
  blocked: 0,
  canceled: 0,
};
const snapshot = {
  event_count: 1,
  last_event_id: null,
  materialized_at: "t",
  mission_slug: "001-x",
  summary: counts,
  work_packages: {
    WP01: { actor: null, force_count: 0, lane: "planned", last_event_id: "e", last_transition_at: "t" },
  },
};

const annotation = {
  kind: "annotation",
  event_id: "01J0000000000000000000000B",
  wp_id: "WP01",
  at: "2026-01-01T00:00:00+00:00",
  actor: { role: "implementer", profile: null, tool: "claude", model: null },
  delta: { subtasks: { T001: "done" }, note: "n", shell_pid: 42, release_runtime_claim: true },
};

const owner = {
  version: 1,
  mission_slug: "001-x",
  pid: 42,
  host: "h",
  proc_start: null,
  started_at: "t",
  updated_at: "t",
  state: "running",
  options: {
    agents: ["claude"],
    max: 2,
    review_by: null,
    timeout_seconds: 60,
    max_attempts: 2,
    max_cycles: 3,
    merge: false,
  },
};
const runLine = {
  run_id: "WP01-implement-1",
  event: "starting",
  at: "t",
  wp_id: "WP01",
  role: "implement",
  agent: "claude",
  attempt: 1,
};

export const SAMPLES: Record<SchemaName, Samples> = {
  annotationLine: {
    valid: [
      annotation,
      { ...annotation, actor: "claude", delta: {}, extra: 1 },
      { ...annotation, delta: { review: null, future: 1 } },
    ],
    invalid: [
      { ...annotation, kind: "checkpoint" },
      withoutKey(annotation, "delta"),
      { ...annotation, delta: { subtasks: { T001: 1 } } },
      { ...annotation, delta: { tracker_refs: "GH-1" } },
      { ...annotation, event_id: "" },
    ],
  },
  reviewResultSchema: {
    valid: [
      { reviewer: "r", verdict: "approved", reference: "x" },
      { reviewer: "r", verdict: "changes_requested", reference: "x", feedback_path: null },
    ],
    invalid: [
      { reviewer: "r", verdict: "approved" },
      { reviewer: 1, verdict: "approved", reference: "x" },
    ],
  },
  dispatchOwnerSchema: {
    valid: [owner, { ...owner, proc_start: "123", state: "finished", extra: true }],
    invalid: [
      { ...owner, version: 2 },
      { ...owner, state: "paused" },
      withoutKey(owner, "options"),
      { ...owner, pid: "42" },
    ],
  },
  dispatchRunLine: {
    valid: [runLine, { ...runLine, event: "ended", status: "lost", exit_code: null, pid: 7, deadline: 1 }],
    invalid: [
      { ...runLine, event: "begun" },
      { ...runLine, role: "merge" },
      { ...runLine, status: "ok" },
      withoutKey(runLine, "wp_id"),
    ],
  },
  cargoVersionSchema: {
    valid: [{}, { package: { version: "1.0.0" } }, { package: { version: { workspace: true } } }],
    invalid: [{ package: { version: 1 } }, { package: { version: { workspace: "yes" } } }, { package: "x" }],
  },
  charterAnswersSchema: {
    valid: [
      {},
      { schema_version: "1.0.0", profile: "minimal", answers: { project_intent: "x", skipped: null } },
      { extra: [1] },
    ],
    invalid: [{ answers: { project_intent: 3 } }, { profile: 1 }],
    arrayForObject: [{ answers: ["x"] }],
  },
  credentialsFile: {
    valid: [creds, { ...creds, user: { username: "u", team_slug: "t" }, extra: 1 }],
    invalid: [
      {},
      { ...creds, tokens: { ...creds.tokens, access: "" } },
      { ...creds, server: {} },
      { ...creds, user: { username: 5 } },
      [],
    ],
  },
  journalLaneSchema: {
    valid: [journalLane, { ...journalLane, branch: null, reason: "planning only", action: "planning" }],
    invalid: [
      { ...journalLane, action: "rebase" },
      { ...journalLane, wp_ids: "WP01" },
    ],
  },
  journalStepSchema: {
    valid: [journalStep, { id: "x", status: "pending" }],
    invalid: [{ ...journalStep, status: "failed" }, { status: "done" }],
  },
  lanesFileSchema: {
    valid: [
      { lanes: [] },
      { mission_slug: "m", mission_id: null, lanes: [{ lane_id: "a", wp_ids: ["WP01"] }] },
    ],
    invalid: [{}, { lanes: [{ lane_id: "a" }] }, { lanes: [{ lane_id: "a", wp_ids: [] }], version: "1" }],
  },
  mergeJournalSchema: {
    valid: [journal, { ...journal, remote: null, owner_pid: 12, last_error: { message: "x" }, extra: true }],
    invalid: [
      { ...journal, version: 2 },
      { ...journal, strategy: "rebase" },
      { ...journal, lanes: [{}] },
    ],
  },
  missionEventLine: {
    valid: [
      {},
      { type: "Other", payload: { anything: 1 } },
      { type: "MissionNextInvoked", payload: { wp_id: null } },
    ],
    invalid: [{ type: 1 }, { payload: { agent: 3 } }, "line"],
  },
  missionMetaSchema: {
    valid: [
      {},
      { mission_id: "01J", slug: "001-x", custom: [1] },
      { mission_number: "004" },
      { mission_number: 12, topology: "coord", coordination_branch: "kitty/mission-x", flattened: false },
      { mission_number: null, topology: "flat", vcs: null },
    ],
    invalid: [
      { mission_id: 7 },
      { mission_number: 1.5 },
      { mission_number: true },
      { flattened: "no" },
      null,
    ],
  },
  missionReleaseSchema: {
    valid: [{}, { accepted_at: null, merged_at: "t", change_type: "minor" }],
    invalid: [{ accepted_at: 1 }, { change_type: true }],
  },
  packageJsonVersionSchema: {
    valid: [{}, { version: "1.0.0", name: "x" }],
    invalid: [{ version: 1 }, { version: null }],
  },
  projectConfigSchema: {
    valid: [
      {},
      { agents: { available: null }, vcs: { type: "git" }, other: 1 },
      { worktrees: { setup: { link: ["node_modules"], copy: [], run: ["bun install"] }, other: 1 } },
      { agents: null, tools: { available: ["claude"] }, auto_commit: true, project: { uuid: "u" } },
      {
        dispatch: {
          timeout: 600,
          agents: { claude: { env: ["X"] }, aider: { command: ["aider"], prompt: "arg" } },
        },
      },
    ],
    invalid: [
      { agents: { available: "claude" } },
      { tools: { auto_commit: "yes" } },
      { dispatch: { timeout: 0 } },
      { dispatch: { agents: { claude: { prompt: "pipe" } } } },
      { dispatch: { agents: { claude: { command: [] } } } },
      { dispatch: { agents: { claude: { commands: ["x"] } } } },
      { dispatch: { max: 4 } },
      { agents: { auto_commit: "yes" } },
      { worktrees: { setup: { links: [] } } },
      { release: { version_is_spec_kitty_version: 1 } },
    ],
  },
  ownedFilesSchema: {
    valid: [
      { schema_version: 1, spec_kitty_version: "1.0.0", files: [] },
      {
        schema_version: 1,
        spec_kitty_version: "1.0.0",
        files: [
          {
            path: ".claude/commands/spec-kitty.plan.md",
            sha256: "a".repeat(64),
            agents: ["claude"],
            base: "x",
          },
        ],
      },
    ],
    invalid: [
      {},
      { schema_version: 2, spec_kitty_version: "1", files: [] },
      {
        schema_version: 1,
        spec_kitty_version: "1",
        files: [{ path: "p", sha256: "xyz", agents: [], base: "" }],
      },
      { schema_version: 1, spec_kitty_version: "1", files: [], extra: true },
    ],
  },
  projectMetadataSchema: {
    valid: [
      { spec_kitty: { version: "3.1.1", initialized_at: null } },
      { spec_kitty: { version: "1" }, x: 1 },
      { spec_kitty: { version: "3.2.5", schema_version: 3 }, environment: null },
      { spec_kitty: { version: "3.2.6", schema_version: 3, schema_capabilities: { thin_shims: true } } },
      { spec_kitty: { version: "3.0.3", schema_version: "3", schema_capabilities: ["thin_shims"] } },
    ],
    invalid: [
      {},
      { spec_kitty: { version: 3.1 } },
      { spec_kitty: { version: "1", schema_version: 3.5 } },
      { spec_kitty: { version: "1", schema_capabilities: { thin_shims: "yes" } } },
      { spec_kitty: { version: "1" }, migrations: { applied: 1 } },
    ],
  },
  pyprojectVersionSchema: {
    valid: [{}, { project: { version: "1.0" } }],
    invalid: [{ project: { version: 1 } }, { project: "1.0" }],
    arrayForObject: [{ project: [] }, { project: [{ version: "1.0" }] }],
  },
  statusEventLine: {
    valid: [
      event,
      { ...withoutKey(event, "mission_slug"), feature_slug: "x", evidence: { ok: true } },
      { ...event, from_lane: "genesis", mission_id: "01J", review_result: null },
      {
        ...event,
        actor: { model: "m", profile: null, role: "implementer", tool: "claude" },
        work_package_id: "WP01",
      },
      { ...event, review_result: { reviewer: "r", verdict: "approved", reference: "x" } },
    ],
    invalid: [
      { ...event, actor: { tool: 1 } },
      { ...event, review_result: { reviewer: "r" } },
      { ...event, event_id: "" },
      { ...event, force: "no" },
      withoutKey(event, "actor"),
      // Not JSON data: both refuse rather than throw.
      { ...event, reason: undefined },
    ],
  },
  statusSnapshotFile: {
    valid: [
      snapshot,
      { ...snapshot, mission_number: null, work_packages: {} },
      // 3.0: feature_slug, eight lanes; 3.2.6: runtime slots and an annotation-only WP.
      {
        ...withoutKey(snapshot, "mission_slug"),
        feature_slug: "001-x",
        summary: withoutKey(counts, "in_review"),
      },
      {
        ...snapshot,
        work_packages: {
          WP04: {
            actor: "c",
            force_count: 0,
            lane: "uninitialized",
            last_event_id: null,
            last_transition_at: null,
            tracker_refs: ["GH-1"],
          },
        },
      },
    ],
    invalid: [
      { ...snapshot, event_count: 1.5 },
      { ...snapshot, summary: { ...counts, done: -1 } },
      { ...snapshot, work_packages: { WP01: { lane: "planned" } } },
    ],
  },
  userConfigFile: {
    valid: [{}, { sync: { server_url: "https://x", max_queue_size: 10 } }, { other: { a: 1 } }],
    invalid: [
      { sync: { max_queue_size: 0 } },
      { sync: { max_queue_size: 1.5 } },
      { sync: { server_url: 1 } },
    ],
  },
  wpsManifestSchema: {
    valid: [
      { work_packages: [] },
      {
        work_packages: [
          { id: "WP01", dependencies: ["WP02"], plan_concern_refs: ["IC-01"], cross_cutting: true },
        ],
      },
    ],
    invalid: [
      {},
      { work_packages: [{ title: "x" }] },
      { work_packages: [{ id: "WP01", dependencies: "WP02" }] },
    ],
  },
  wpFrontmatterSchema: {
    valid: [{}, { dependencies: "WP01", requirement_refs: ["FR-1"], execution_mode: null, lane: "x" }],
    invalid: [
      { dependencies: [1] },
      { execution_mode: 1 },
      { owned_files: "src/" },
      { title: 1 },
      // failed before (accepted, exit 0): keys shown, compared or put into prompts must be text
      { agent: ["claude", "codex"] },
      { shell_pid: { pid: 1 } },
      { base_commit: ["$(rm -rf ~)"] },
      { base_branch: 2 },
      { lane: ["done"] },
      { assignee: 7 },
    ],
  },
};
