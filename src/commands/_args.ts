import { LANES } from "../core/status/lanes.ts";

/** Flags shared by many commands, defined once so their names and help text never drift. */
export const jsonArg = {
  json: { type: "boolean", description: "Print exactly one JSON document on stdout and nothing else" },
} as const;

export const missionArg = {
  mission: {
    type: "string",
    description: "Mission slug, numbered slug (001-x) or mission_id (full ULID or unique prefix)",
    valueHint: "slug|id",
  },
} as const;

export const agentArg = {
  agent: { type: "string", description: "Agent key (claude, codex, gemini, …)", valueHint: "agent" },
} as const;

export const toLaneArg = {
  to: {
    type: "string",
    required: true,
    description: `Target lane (${LANES.join(", ")}; doing = in_progress)`,
  },
} as const;
