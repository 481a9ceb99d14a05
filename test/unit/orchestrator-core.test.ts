/** The orchestrator-api's pure parts: version ordering, policy checks, the envelope's bytes, error mapping. */
import { describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ERROR_CODES } from "../../src/core/error-codes.ts";
import { SpecKittyError, UsageError } from "../../src/core/errors.ts";
import { comparePep440Strings, contractVersion } from "../../src/core/orchestrator/contract.ts";
import { makeEnvelope, serializeEnvelope } from "../../src/core/orchestrator/envelope.ts";
import { OA_CODE_FOR, OA_ERROR_CODES, toOaFailure } from "../../src/core/orchestrator/error-codes.ts";
import { parsePolicy, policyFor } from "../../src/core/orchestrator/policy.ts";
import { parseReviewResult } from "../../src/core/orchestrator/transition.ts";

describe("PEP 440 ordering of provider versions", () => {
  for (const [a, b, order] of [
    ["0.1.0", "0.1", 0],
    ["0.0.9", "0.1.0", -1],
    ["0.1.0rc1", "0.1.0", -1],
    ["0.1.0.dev1", "0.1.0a1", -1],
    ["0.1.0a1", "0.1.0b1", -1],
    ["0.1.0", "0.1.0.post1", -1],
    ["0.1.0-1", "0.1.0.post1", 0],
    ["V0.2", "0.1.9", 1],
    ["1!0.0.1", "9.0", 1],
    ["0.1.0+local.7", "0.1.0", 0],
  ] as [string, string, number][]) {
    test(`${a} vs ${b}`, () => expect(comparePep440Strings(a, b)).toBe(order));
  }
  test("garbage does not parse; the minimum itself passes", () => {
    expect(comparePep440Strings("one.two", "0.1")).toBeNull();
    expect(contractVersion("0.1.0").api_version).toBe("1.3.0");
    expect(() => contractVersion("0.0.1")).toThrow(
      expect.objectContaining({ code: "CONTRACT_VERSION_MISMATCH" }),
    );
  });
});

describe("policy", () => {
  const good = {
    orchestrator_id: "o",
    orchestrator_version: "1",
    agent_family: "claude",
    approval_mode: "full_auto",
    sandbox_mode: "workspace_write",
    network_mode: "none",
    dangerous_flags: ["--sandbox"],
  };
  test("a full policy parses, with tool_restrictions defaulting to null", () => {
    expect(parsePolicy(JSON.stringify(good))).toEqual({ ...good, tool_restrictions: null });
  });
  test("the original's secret pattern is kept as is, even where it over-matches", () => {
    expect(() => parsePolicy(JSON.stringify({ ...good, agent_family: "monkey" }))).toThrow(
      /appears to contain a secret/,
    );
  });
  test("optional policies: absent is null, given is checked", () => {
    expect(policyFor(undefined, false, "x")).toBeNull();
    expect(() => policyFor("", true, "for x")).toThrow(
      expect.objectContaining({ code: "POLICY_METADATA_REQUIRED" }),
    );
    expect(() => policyFor("{}", false, "x")).toThrow(
      expect.objectContaining({ code: "POLICY_VALIDATION_FAILED" }),
    );
  });
  test("review results: the 1.3.0 shape", () => {
    expect(
      parseReviewResult('{"reviewer":"r","verdict":"changes_requested","reference":"x","feedback_path":"f"}'),
    ).toEqual({
      reviewer: "r",
      verdict: "changes_requested",
      reference: "x",
      feedback_path: "f",
    });
    for (const bad of [
      "[]",
      '{"reviewer":"","verdict":"approved","reference":"x"}',
      '{"reviewer":"r","verdict":"ok","reference":"x"}',
    ])
      expect(() => parseReviewResult(bad)).toThrow(
        expect.objectContaining({ code: "JSON_ARGUMENT_INVALID" }),
      );
  });
});

describe("envelope", () => {
  test("seven keys in order, printed as Python's json.dumps prints them", () => {
    const envelope = makeEnvelope("mission-state", true, { mission_slug: "001-ü", n: [1, null] });
    expect(Object.keys(envelope)).toEqual([
      "contract_version",
      "command",
      "timestamp",
      "correlation_id",
      "success",
      "error_code",
      "data",
    ]);
    const text = serializeEnvelope(envelope);
    expect(text).toStartWith(
      '{"contract_version": "1.3.0", "command": "orchestrator-api.mission-state", "timestamp": "',
    );
    expect(text).toEndWith(
      '"success": true, "error_code": null, "data": {"mission_slug": "001-\\u00fc", "n": [1, null]}}',
    );
  });
});

describe("error mapping", () => {
  test("one table onto registered envelope codes, from registered internal codes", () => {
    for (const [internal, oa] of Object.entries(OA_CODE_FOR)) {
      expect(internal in ERROR_CODES).toBe(true);
      expect(oa in OA_ERROR_CODES).toBe(true);
    }
  });

  test("every envelope code is produced somewhere (the table, or a usage/internal path)", () => {
    const produced = new Set([...Object.values(OA_CODE_FOR), "USAGE_ERROR", "INTERNAL_ERROR"]);
    expect(Object.keys(OA_ERROR_CODES).filter((code) => !produced.has(code as never))).toEqual([]);
  });

  test("data is the error's details then its message; usage errors exit 2, a malformed JSON option exits 1", () => {
    const held = new SpecKittyError("WP_HELD", "held", {
      details: { claimed_by: "a", requesting_actor: "b" },
    });
    expect(toOaFailure(held)).toEqual({
      code: "WP_ALREADY_CLAIMED",
      data: { claimed_by: "a", requesting_actor: "b", message: "held" },
      exitCode: 1,
    });
    expect(toOaFailure(new UsageError("bad flag")).exitCode).toBe(2);
    expect(toOaFailure(new SpecKittyError("JSON_ARGUMENT_INVALID", "bad"))).toMatchObject({
      code: "USAGE_ERROR",
      exitCode: 1,
    });
    expect(toOaFailure(new Error("boom"))).toMatchObject({
      code: "INTERNAL_ERROR",
      data: { message: "unexpected error: boom" },
    });
    expect(toOaFailure(new SpecKittyError("MERGE_CONFLICT", "x")).code).toBe("INTERNAL_ERROR");
  });

  test("no orchestrator-api command throws a code the table does not know", () => {
    const dir = join(import.meta.dir, "..", "..", "src", "core", "orchestrator");
    const thrown = readdirSync(dir).flatMap((f) =>
      [...readFileSync(join(dir, f), "utf8").matchAll(/SpecKittyError\(\s*"([A-Z_]+)"/g)].map(
        (m) => m[1] as string,
      ),
    );
    expect(thrown.filter((code) => !(code in OA_CODE_FOR))).toEqual([]);
  });
});
