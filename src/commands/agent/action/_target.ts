import { io } from "../../../cli/io.ts";
import { checkActorName, resolveAgent } from "../../../core/actor.ts";
import type { MissionRef } from "../../../core/mission/resolve.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { agentArg, jsonArg, missionArg, optionalWpArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

/** The flags of both action commands; only what an omitted WP id defaults to differs. */
export function actionArgs(defaultWp: string) {
  return {
    ...optionalWpArg(defaultWp),
    ...agentArg,
    ...missionArg,
    ...jsonArg,
  } as const;
}

export interface ActionTarget {
  agent: string;
  wpId: string | undefined;
  mission: MissionRef;
  env: Record<string, string | undefined>;
}

/** Checks the flags in the order users see errors: the agent first, then the WP id, then the mission. */
export function actionTarget(args: { wp_id?: string; agent?: string; mission?: string }): ActionTarget {
  if (args.agent !== undefined) checkActorName(args.agent);
  // An empty id given on the command line is a malformed id, not "pick one for me".
  const wpId = args.wp_id !== undefined ? checkWpId(args.wp_id) : undefined;
  const mission = missionFromArgs(args.mission);
  const agent = resolveAgent(args.agent, { root: mission.root, required: true });
  return { agent, wpId, mission, env: io().env };
}
