/**
 * What a dispatch reports while it runs (one object per event, in order) and what it returns at the
 * end. The command renders these as a live view, plain lines, or JSON (`--events`: one per line).
 */
import type { StatusLane } from "../status/lane.ts";
import type { RunRole } from "./agents.ts";
import type { RunStatus } from "./journal.ts";

export interface RunInfo {
  run_id: string;
  wp_id: string;
  role: RunRole;
  agent: string;
  attempt: number;
  lane_id: string;
  workspace: string;
  /** Project-relative log path. */
  log: string;
  pid: number;
}

export type DispatchEvent =
  | {
      event: "dispatch_started";
      at: string;
      mission_slug: string;
      agents: string[];
      review_by: string | null;
      max: number;
      timeout_seconds: number;
      adopted: string[];
      recovered: string[];
    }
  | ({ event: "run_started"; at: string; resumed: boolean } & RunInfo)
  | ({ event: "run_adopted"; at: string } & RunInfo)
  | {
      event: "run_refused";
      at: string;
      run_id: string;
      wp_id: string;
      role: RunRole;
      agent: string;
      error_code: string;
      message: string;
    }
  | ({
      event: "run_finished";
      at: string;
      status: RunStatus;
      exit_code: number | null;
      lane: StatusLane;
      seconds: number;
      parked: string | null;
    } & RunInfo)
  | { event: "stopping"; at: string; running: string[]; hard: boolean }
  | { event: "merge_finished"; at: string; target_branch: string; done_wps: string[] }
  | { event: "merge_failed"; at: string; error_code: string; message: string }
  | ({ event: "dispatch_finished"; at: string } & DispatchSummary);

export interface WpOutcome {
  wp_id: string;
  lane: StatusLane;
  /** Why it is not approved or done, when it is not. */
  note: string | null;
}

export interface RunOutcome {
  run_id: string;
  wp_id: string;
  role: RunRole;
  agent: string;
  status: RunStatus;
  exit_code: number | null;
  seconds: number;
  log: string;
}

export interface DispatchSummary {
  mission_slug: string;
  /** True when every WP is approved or done. */
  complete: boolean;
  interrupted: boolean;
  wps: WpOutcome[];
  runs: RunOutcome[];
  adopted: string[];
  recovered: string[];
  merged: boolean;
  merge_error: { code: string; message: string } | null;
  /** The command that continues this dispatch (null when there is nothing left to do). */
  resume_command: string | null;
  /** The command that merges the approved WPs, when the dispatch did not merge. */
  merge_command: string | null;
}
