/**
 * `--policy`: what the orchestrator declares about how it runs agents. Checked as the original's 3.2
 * line checks it (every field present and typed, no banned flag declared, no secret-like string at any
 * depth) and stored on every status event the call writes, so each transition records who drove it.
 * The host enforces nothing beyond that: the policy is a declaration, not a sandbox.
 */
import { SpecKittyError } from "../errors.ts";

export interface Policy {
  orchestrator_id: string;
  orchestrator_version: string;
  agent_family: string;
  approval_mode: string;
  sandbox_mode: string;
  network_mode: string;
  dangerous_flags: string[];
  tool_restrictions: string | null;
}

const STRING_FIELDS = [
  "orchestrator_id",
  "orchestrator_version",
  "agent_family",
  "approval_mode",
  "sandbox_mode",
  "network_mode",
] as const;

export const BANNED_FLAGS: ReadonlySet<string> = new Set([
  "--full-auto",
  "--yolo",
  "--dangerously-bypass-approvals-and-sandbox",
  "--dangerously-skip-permissions",
]);

// The original's pattern, kept as is (it also matches "key" inside ordinary words: that is the contract).
const SECRET_LIKE = /(token|secret|key|password|credential)/i;

const invalid = (message: string) => new SpecKittyError("POLICY_VALIDATION_FAILED", message);

function rejectSecrets(path: string, value: unknown): void {
  if (typeof value === "string") {
    if (SECRET_LIKE.test(value)) {
      throw invalid(
        `--policy field '${path}' appears to contain a secret (matched pattern: token|secret|key|password|credential). Do not pass secrets via --policy.`,
      );
    }
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) rejectSecrets(`${path}[${index}]`, item);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) rejectSecrets(`${path}.${key}`, item);
  }
}

/** Parses and checks `--policy` JSON; POLICY_VALIDATION_FAILED names the first problem. */
export function parsePolicy(raw: string): Policy {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch (error) {
    throw invalid(`--policy is not valid JSON: ${(error as Error).message}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data))
    throw invalid("--policy must be a JSON object");
  const obj = data as Record<string, unknown>;
  for (const field of [...STRING_FIELDS, "dangerous_flags"]) {
    if (!Object.hasOwn(obj, field)) throw invalid(`--policy missing required field: '${field}'`);
  }
  for (const field of STRING_FIELDS) {
    if (typeof obj[field] !== "string") throw invalid(`--policy.${field} must be a string`);
  }
  const flags = obj.dangerous_flags;
  if (!Array.isArray(flags)) throw invalid("--policy.dangerous_flags must be a JSON array");
  for (const flag of flags) {
    if (typeof flag !== "string") throw invalid("--policy.dangerous_flags entries must be strings");
    if (BANNED_FLAGS.has(flag)) {
      throw invalid(
        `--policy.dangerous_flags contains a banned flag: '${flag}'. Banned flags must never appear in orchestrator policy payloads.`,
      );
    }
  }
  const restrictions = obj.tool_restrictions ?? null;
  if (restrictions !== null && typeof restrictions !== "string")
    throw invalid("--policy.tool_restrictions must be a string or null");
  for (const [key, value] of Object.entries(obj)) rejectSecrets(key, value);
  return {
    orchestrator_id: obj.orchestrator_id as string,
    orchestrator_version: obj.orchestrator_version as string,
    agent_family: obj.agent_family as string,
    approval_mode: obj.approval_mode as string,
    sandbox_mode: obj.sandbox_mode as string,
    network_mode: obj.network_mode as string,
    dangerous_flags: flags as string[],
    tool_restrictions: restrictions as string | null,
  };
}

/**
 * The policy a call needs: POLICY_METADATA_REQUIRED when `required` and none was given; a given one
 * is always checked; null when optional and absent.
 */
export function policyFor(raw: string | undefined, required: boolean, what: string): Policy | null {
  if (raw === undefined || raw === "") {
    if (!required) return null;
    throw new SpecKittyError("POLICY_METADATA_REQUIRED", `--policy is required ${what}`);
  }
  return parsePolicy(raw);
}
