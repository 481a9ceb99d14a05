/**
 * What every `orchestrator-api` command shares: the project root (SPECIFY_REPO_ROOT first, as the
 * original honours it), the mission resolver, and printing exactly one envelope — the success, or any
 * failure (usage errors included) through the group's error renderer.
 */
import { existsSync, statSync } from "node:fs";
import type { ErrorSite } from "../../cli/boundary.ts";
import { io } from "../../cli/io.ts";
import { makeEnvelope, serializeEnvelope } from "../../core/orchestrator/envelope.ts";
import { toOaFailure } from "../../core/orchestrator/error-codes.ts";
import type { MissionSource } from "../../core/orchestrator/identity.ts";
import { missionFromArgs } from "../_mission.ts";

function print(command: string, success: boolean, data: Record<string, unknown>, code: string | null): void {
  io().stdout(`${serializeEnvelope(makeEnvelope(command, success, data, code))}\n`);
}

export function printSuccess(command: string, data: Record<string, unknown>): void {
  print(command, true, data, null);
}

/**
 * The group's error renderer: a failure inside a command is reported under its name; one found while
 * locating the command or parsing its flags is `orchestrator-api.unknown`, as the original reports
 * parser errors.
 */
export function renderOaError(error: unknown, site: ErrorSite): number {
  const command = site.running && site.path[1] ? site.path[1] : "unknown";
  const failure = toOaFailure(error);
  print(command, false, failure.data, failure.code);
  return failure.exitCode;
}

/** Where the project is: `SPECIFY_REPO_ROOT` when it names a directory, else the current directory. */
function startDir(): string {
  const fromEnv = io().env.SPECIFY_REPO_ROOT?.trim();
  if (fromEnv && existsSync(fromEnv) && statSync(fromEnv).isDirectory()) return fromEnv;
  return io().cwd;
}

/**
 * The `--mission` resolver handed to the core, which calls it after its own argument checks: the
 * mission and the project's places checked up front, as every command on a mission does.
 */
export function missionSource(selector: string): MissionSource {
  return () => missionFromArgs(selector, startDir());
}

export const missionOption = {
  mission: { type: "string", required: true, description: "Mission slug, numbered slug or mission_id" },
} as const;

export const wpOption = {
  wp: { type: "string", required: true, description: "Work package ID (WP01)", valueHint: "WP" },
} as const;

export const actorOption = {
  actor: { type: "string", required: true, description: "Actor identity recorded on the events" },
} as const;

export const policyOption = (when: string) =>
  ({ policy: { type: "string", description: `Policy metadata JSON (${when})`, valueHint: "json" } }) as const;
