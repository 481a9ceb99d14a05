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

export const SAMPLES: Record<SchemaName, Samples> = {
  cargoVersionSchema: {
    valid: [{}, { package: { version: "1.0.0" } }, { package: { version: { workspace: true } } }],
    invalid: [{ package: { version: 1 } }, { package: { version: { workspace: "yes" } } }, { package: "x" }],
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
    valid: [{}, { mission_id: "01J", slug: "001-x", custom: [1] }],
    invalid: [{ mission_id: 7 }, { mission_number: 1 }, null],
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
    ],
    invalid: [
      { agents: { available: "claude" } },
      { agents: { auto_commit: "yes" } },
      { worktrees: { setup: { links: [] } } },
      { release: { version_is_spec_kitty_version: 1 } },
    ],
  },
  projectMetadataSchema: {
    valid: [
      { spec_kitty: { version: "3.1.1", initialized_at: null } },
      { spec_kitty: { version: "1" }, x: 1 },
    ],
    invalid: [
      {},
      { spec_kitty: { version: 3.1 } },
      { spec_kitty: { version: "1" }, migrations: { applied: 1 } },
    ],
  },
  pyprojectVersionSchema: {
    valid: [{}, { project: { version: "1.0" } }],
    invalid: [{ project: { version: 1 } }, { project: "1.0" }],
    arrayForObject: [{ project: [] }, { project: [{ version: "1.0" }] }],
  },
  statusEventLine: {
    valid: [event, { ...withoutKey(event, "mission_slug"), feature_slug: "x", evidence: { ok: true } }],
    invalid: [
      { ...event, event_id: "" },
      { ...event, force: "no" },
      withoutKey(event, "actor"),
      // Not JSON data: both refuse rather than throw.
      { ...event, reason: undefined },
    ],
  },
  statusSnapshotFile: {
    valid: [snapshot, { ...snapshot, mission_number: null, work_packages: {} }],
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
  wpFrontmatterSchema: {
    valid: [{}, { dependencies: "WP01", requirement_refs: ["FR-1"], execution_mode: null, lane: "x" }],
    invalid: [
      { dependencies: [1] },
      { execution_mode: "fast" },
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
