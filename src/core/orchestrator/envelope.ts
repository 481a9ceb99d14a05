/**
 * The orchestrator-api response envelope: exactly seven keys in the original's order, printed the way
 * Python's `print(json.dumps(envelope))` prints it (one line, `", "`/`": "` separators, non-ASCII
 * escaped), because providers parse it with nothing more than a JSON parser and compare it byte for
 * byte in their conformance fixtures.
 */
import { nowIso } from "../clock.ts";
import { pyJsonDumps } from "../pyjson.ts";
import { CONTRACT_VERSION } from "./contract.ts";

export interface Envelope {
  contract_version: string;
  /** `orchestrator-api.<subcommand>`; `orchestrator-api.unknown` when the command line did not parse. */
  command: string;
  timestamp: string;
  /** `corr-` + 32 hex digits, unique per response. */
  correlation_id: string;
  success: boolean;
  error_code: string | null;
  data: Record<string, unknown>;
}

function correlationId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `corr-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

export function makeEnvelope(
  command: string,
  success: boolean,
  data: Record<string, unknown>,
  errorCode: string | null = null,
): Envelope {
  return {
    contract_version: CONTRACT_VERSION,
    command: `orchestrator-api.${command}`,
    timestamp: nowIso(),
    correlation_id: correlationId(),
    success,
    error_code: errorCode,
    data,
  };
}

/** The envelope's exact bytes, without the trailing newline. */
export function serializeEnvelope(envelope: Envelope): string {
  return pyJsonDumps(envelope, { sortKeys: false });
}
