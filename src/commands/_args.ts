import { UsageError } from "../core/errors.ts";
import { STATUS_LANES } from "../core/status/lane.ts";

/** Flags shared by many commands, defined once so their names and help text never drift. */
export const jsonArg = {
  json: { type: "boolean", description: "Print exactly one JSON document on stdout and nothing else" },
} as const;

export const missionArg = {
  mission: {
    type: "string",
    description: "Mission directory (001-x, x-01KVMP86), slug, number, or mission_id (or its first 8 chars)",
    valueHint: "slug|id",
    // spec-kitty 3.1 kept `--feature` for scripts written before missions were renamed; so do we.
    hiddenAlias: "feature",
  },
} as const;

export const agentArg = {
  agent: {
    type: "string",
    description: "Who acts: your name or role (bob, reviewer, ci) or an agent tool (claude, codex, …)",
    valueHint: "name",
  },
} as const;

/** `--shell-pid`: the agent's shell, written to the WP file (`shell_pid`); check it with `checkShellPid`. */
export const shellPidArg = {
  shellPid: {
    type: "string",
    description: "The agent's shell PID (recorded in the WP file)",
    valueHint: "pid",
  },
} as const;

/** A `--shell-pid` value trimmed, or a usage error: every upstream reader takes `shell_pid` as an integer. */
export function checkShellPid(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const pid = value.trim();
  if (!/^\d+$/.test(pid)) throw new UsageError(`--shell-pid must be a process id (digits), not '${value}'`);
  return pid;
}

/** The work package a command acts on (`WP01`), checked with `checkWpId` by the command. */
export const wpArg = {
  wp_id: { type: "positional", required: true, description: "Work package id (WP01)", valueHint: "WP" },
} as const;

/** `wpArg` for commands that pick a WP themselves when none is named. */
export function optionalWpArg(whenOmitted: string) {
  return {
    wp_id: {
      type: "positional",
      description: `Work package id (WP01); default: ${whenOmitted}`,
      valueHint: "WP",
    },
  } as const;
}

export const toLaneArg = {
  to: {
    type: "string",
    required: true,
    description: `Target lane (${STATUS_LANES.join(", ")}; doing = in_progress)`,
  },
} as const;

/** `--stale-threshold` of the boards (`agent tasks status`, `dashboard`), read with `parseStaleThreshold`. */
export const staleThresholdArg = {
  staleThreshold: {
    type: "string",
    default: "10",
    description: "Minutes without a commit before an in-progress WP is stale",
    valueHint: "minutes",
  },
} as const;

/** The minutes of `--stale-threshold` (any non-negative number). */
export function parseStaleThreshold(value: string): number {
  const minutes = Number(value);
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new UsageError("--stale-threshold must be a number of minutes");
  return minutes;
}
