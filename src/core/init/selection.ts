import { AGENT_KEYS, type AgentSpec, findAgent } from "../agents.ts";
import { SpecKittyError } from "../errors.ts";

const TRUTHY = new Set(["1", "true", "yes", "y", "on"]);

/** `SPEC_KITTY_NON_INTERACTIVE=1|true|yes|y|on` (any case) forces non-interactive mode. */
export function envForcesNonInteractive(env: Record<string, string | undefined>): boolean {
  return TRUTHY.has((env.SPEC_KITTY_NON_INTERACTIVE ?? "").trim().toLowerCase());
}

/**
 * `--ai claude,codex` (`;` works too): trimmed, lower-cased, duplicates dropped in first-seen order.
 * Every key is checked before any is accepted, so the error lists all the bad ones at once.
 */
export function parseAgentList(value: string): AgentSpec[] {
  const keys = [
    ...new Set(
      value
        .split(/[,;]/)
        .map((key) => key.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (keys.length === 0) {
    throw new SpecKittyError("INIT_NO_AGENTS", "--ai names no agent", {
      fix: `pass one or more agent keys, e.g. --ai codex or --ai claude,codex (valid: ${AGENT_KEYS.join(", ")})`,
    });
  }
  const unknown = keys.filter((key) => !findAgent(key));
  if (unknown.length > 0) {
    throw new SpecKittyError("INIT_UNKNOWN_AGENT", `unknown agent key(s): ${unknown.join(", ")}`, {
      fix: `choose from: ${AGENT_KEYS.join(", ")}`,
      details: { unknown, valid: AGENT_KEYS },
    });
  }
  return keys.map((key) => findAgent(key) as AgentSpec);
}
