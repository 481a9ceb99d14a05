/** The `--agent` value of loop commands: a known agent key, because it becomes the actor of status events. */
import { AGENT_KEYS, findAgent } from "../agents.ts";
import { SpecKittyError } from "../errors.ts";

export function requireAgent(value: string | undefined, required: true): string;
export function requireAgent(value: string | undefined, required: boolean): string | null;
export function requireAgent(value: string | undefined, required: boolean): string | null {
  const key = value?.trim() ?? "";
  if (key === "") {
    if (!required) return null;
    throw new SpecKittyError("AGENT_REQUIRED", "--agent is required here", {
      exitCode: 2,
      fix: `pass --agent <key>, one of: ${AGENT_KEYS.join(", ")}`,
    });
  }
  if (!findAgent(key)) {
    throw new SpecKittyError("UNKNOWN_AGENT", `unknown agent '${key}'`, {
      exitCode: 2,
      fix: `use one of: ${AGENT_KEYS.join(", ")}`,
      details: { agent: key, known: AGENT_KEYS },
    });
  }
  return key;
}
