/**
 * A test double of an external orchestrator's host client (spec-kitty-orchestrator's
 * `host/client.py`): runs `spec-kitty orchestrator-api …` on the compiled binary with cwd = repo root
 * and SPECIFY_REPO_ROOT set, and requires exactly one envelope on stdout — seven keys, in order, in
 * Python's `json.dumps` layout — before handing back its data.
 */
import { expect } from "bun:test";
import { pyJsonDumps } from "../../src/core/pyjson.ts";
import { gitEnv } from "../support/git.ts";
import { runBin } from "../support/run.ts";

export const ENVELOPE_KEYS = [
  "contract_version",
  "command",
  "timestamp",
  "correlation_id",
  "success",
  "error_code",
  "data",
];

/** The fixed policy the reference orchestrator sends (`policy.py`), serialised as it serialises it. */
export const POLICY = JSON.stringify({
  orchestrator_id: "spec-kitty-orchestrator",
  orchestrator_version: "0.1.3",
  agent_family: "claude",
  approval_mode: "full_auto",
  sandbox_mode: "workspace_write",
  network_mode: "none",
  dangerous_flags: [],
  tool_restrictions: null,
});

export interface Envelope {
  contract_version: string;
  command: string;
  timestamp: string;
  correlation_id: string;
  success: boolean;
  error_code: string | null;
  data: Record<string, unknown>;
}

export interface Call {
  envelope: Envelope;
  code: number;
  stdout: string;
}

/** Checks the bytes of one envelope and returns it parsed. */
export function parseEnvelope(stdout: string): Envelope {
  expect(stdout.endsWith("\n")).toBe(true);
  const lines = stdout.slice(0, -1).split("\n");
  expect(lines).toHaveLength(1);
  const envelope = JSON.parse(lines[0] as string) as Envelope;
  expect(Object.keys(envelope)).toEqual(ENVELOPE_KEYS);
  // Exactly what Python's print(json.dumps(envelope)) prints: separators, escaping, key order.
  expect(pyJsonDumps(envelope, { sortKeys: false })).toBe(lines[0] as string);
  expect(envelope.contract_version).toBe("1.3.0");
  expect(envelope.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
  expect(envelope.correlation_id).toMatch(/^corr-[0-9a-f]{32}$/);
  expect(envelope.error_code === null).toBe(envelope.success);
  return envelope;
}

export class Provider {
  readonly calls: string[][] = [];
  constructor(
    readonly root: string,
    readonly actor = "spec-kitty-orchestrator",
    private readonly env: Record<string, string> = {},
  ) {}

  async raw(args: string[], cwd = this.root): Promise<Call> {
    this.calls.push(args);
    const result = await runBin(["orchestrator-api", ...args], {
      cwd,
      env: { ...gitEnv(), SPECIFY_REPO_ROOT: this.root, ...this.env },
    });
    expect(result.stderr).toBe("");
    const envelope = parseEnvelope(result.stdout);
    expect(result.code).toBe(envelope.success ? 0 : result.code);
    return { envelope, code: result.code, stdout: result.stdout };
  }

  /** A call that must succeed; returns its data. */
  async ok(args: string[]): Promise<Record<string, unknown>> {
    const { envelope, code } = await this.raw(args);
    if (!envelope.success) throw new Error(`${args[0]} failed: ${JSON.stringify(envelope)}`);
    expect(code).toBe(0);
    expect(envelope.command).toBe(`orchestrator-api.${args[0]}`);
    return envelope.data;
  }

  /** A call that must fail with `errorCode` (and exit `exit`); returns its data. */
  async fails(args: string[], errorCode: string, exit = 1): Promise<Record<string, unknown>> {
    const { envelope, code } = await this.raw(args);
    expect({ success: envelope.success, error_code: envelope.error_code, code }).toEqual({
      success: false,
      error_code: errorCode,
      code: exit,
    });
    expect(typeof envelope.data.message).toBe("string");
    return envelope.data;
  }
}
