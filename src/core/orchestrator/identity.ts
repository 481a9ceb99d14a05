/**
 * The mission identity block every mission-scoped payload starts with, in the original's key order
 * (`mission_slug`, `mission_number`, `mission_type`), followed by `mission_id`, which the original's
 * documentation promises but no payload of it carries.
 */
import type { MissionRef } from "../mission/resolve.ts";
import { missionIdentity } from "../status/materialize.ts";

export interface MissionIdentity {
  mission_slug: string;
  /** The display number as an integer (`"042"` → 42), null when the mission has none (contract 1.1+). */
  mission_number: number | null;
  mission_type: string;
  mission_id: string | null;
}

export function identityOf(mission: MissionRef): MissionIdentity {
  const { number, type } = missionIdentity(mission);
  const digits = /^\d+$/.test(number) ? Number(number) : null;
  return {
    mission_slug: mission.slug,
    mission_number: digits,
    mission_type: type,
    mission_id: mission.missionId,
  };
}

/**
 * How a call gets its mission: resolved only after the call's own argument checks, so a bad policy
 * or malformed JSON is reported before "no such mission", in the original's order.
 */
export type MissionSource = () => MissionRef;
