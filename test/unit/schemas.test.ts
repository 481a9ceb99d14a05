/**
 * The run-time schema layer: the committed validators match the arktype definitions, arktype and Ajv
 * stay out of the binary, and problems read as one line each.
 */
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderGenerated } from "../../scripts/gen-schemas.ts";
import { parseProjectConfig } from "../../src/core/config.ts";
import { InvalidFileError } from "../../src/core/errors.ts";
import { parseMissionMeta } from "../../src/core/mission/meta-file.ts";
import { checkFile } from "../../src/schema/check.ts";
import { credentialsFile } from "../../src/schema/credentials.ts";
import { mergeJournalSchema } from "../../src/schema/merge-journal.ts";
import { SchemaErrors } from "../../src/schema/runtime.ts";
import { statusSnapshotFile } from "../../src/schema/status-snapshot.ts";
import { wpFrontmatterSchema } from "../../src/schema/wp-frontmatter.ts";
import { tempDir } from "../support/fs.ts";

const root = join(import.meta.dir, "..", "..");

function summary(result: unknown): string {
  if (!(result instanceof SchemaErrors))
    throw new Error(`expected SchemaErrors, got ${JSON.stringify(result)}`);
  return result.summary;
}

describe("generated validators", () => {
  test("src/schema/generated*.ts are up to date (run scripts/gen-schemas.ts if this fails)", async () => {
    for (const [path, text] of Object.entries(await renderGenerated())) {
      expect({ path, text: readFileSync(path, "utf8") }).toEqual({ path, text });
    }
  });
});

describe("the binary's bundle", () => {
  /** Every output file of bundling `entry` the way build.ts does (minus compile and minify). */
  async function bundleText(entry: string): Promise<string> {
    const result = await Bun.build({
      entrypoints: [entry],
      outdir: tempDir("sk-bundle-"),
      target: "bun",
      format: "esm",
      splitting: true,
      throw: false,
    });
    expect(result.logs.filter((log) => log.level === "error").map(String)).toEqual([]);
    const texts = await Promise.all(result.outputs.map((output) => output.text()));
    return texts.join("\n");
  }
  const arktypeMarkers = (text: string) =>
    ["ArkErrors", "node_modules/arktype/", "node_modules/@ark/"].filter((marker) => text.includes(marker));

  test("the detector finds arktype where it is imported", async () => {
    const text = await bundleText(join(root, "src", "schema", "defs", "meta.ts"));
    expect(arktypeMarkers(text).length).toBeGreaterThan(0);
  });

  test("src/bin.ts and every lazily loaded command contain no arktype and no Ajv", async () => {
    const text = await bundleText(join(root, "src", "bin.ts"));
    expect(text).toContain("VALIDATORS");
    expect(arktypeMarkers(text)).toEqual([]);
    expect(text).not.toContain("node_modules/ajv/");
  });
});

describe("problem summaries", () => {
  test("a wrong type names the key, the expected type and the actual one", () => {
    expect(() => parseMissionMeta('{"mission_id": 7}', "meta.json")).toThrow(
      "meta.json line 1: mission_id must be a string (was 7)",
    );
    // The line is that of the bad value (failed before: schema problems named no line).
    expect(() => parseMissionMeta('{\n  "slug": "x",\n  "mission_id": 7\n}', "meta.json")).toThrow(
      "meta.json line 3: mission_id must be a string (was 7)",
    );
    expect(summary(wpFrontmatterSchema({ title: ["x"] }))).toBe("title must be a string or null (was array)");
  });

  test("a literal set lists its members and the bad value", () => {
    const journal = mergeJournalSchema({ version: 1, strategy: "rebase" });
    expect(summary(journal)).toContain("strategy must be one of 'merge', 'squash' (was 'rebase')");
  });

  test("a declared key holding undefined is refused, as the arktype def refuses it", () => {
    const tokens = { access: "a", refresh: "r", access_expires_at: undefined };
    expect(summary(credentialsFile({ tokens, user: { username: "u" }, server: { url: "x" } }))).toBe(
      "tokens.access_expires_at must be JSON data (was undefined)",
    );
  });

  test("a union branch whose type matched reports its inner problem, with array indexes", () => {
    expect(summary(wpFrontmatterSchema({ dependencies: ["WP01", 2] }))).toBe(
      "dependencies[1] must be a string (was 2)",
    );
  });

  test("missing keys, unexpected keys and bounds", () => {
    const problems = credentialsFile({ tokens: { access: "", refresh: "r" }, user: {} });
    expect(summary(problems).split("\n")).toEqual([
      "server is missing",
      "tokens.access must be non-empty (was '')",
      "user.username is missing",
    ]);
    expect((problems as SchemaErrors).problems.map((p) => p.path.join("."))).toEqual([
      "server",
      "tokens.access",
      "user.username",
    ]);
    expect(() => parseProjectConfig("worktrees:\n  setup:\n    links: [a]\n", "config.yaml")).toThrow(
      "config.yaml line 1: unexpected key 'worktrees.setup.links'",
    );
    const snapshot = statusSnapshotFile({
      event_count: -1,
      last_event_id: null,
      materialized_at: "",
      mission_slug: "m",
      summary: {},
      work_packages: {},
    });
    expect(summary(snapshot)).toContain("event_count must be at least 0 (was -1)");
    expect(summary(snapshot)).toContain("summary.planned is missing");
  });

  test("checkFile puts every problem on one line and names the file", () => {
    const journal = { version: 2, mission_slug: "m" };
    try {
      checkFile(mergeJournalSchema, journal, "journal.json");
      throw new Error("checkFile accepted a bad journal");
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidFileError);
      const message = (error as InvalidFileError).message;
      expect(message).toStartWith("journal.json: ");
      expect(message).not.toContain("\n");
      expect(message).toContain("version must be 1 (was 2)");
      expect(message).toContain("target_branch is missing");
    }
  });

  test("a valid value is returned as-is, extra keys included", () => {
    const value = { title: "T", custom: { a: 1 } };
    expect(wpFrontmatterSchema(value)).toBe(value);
  });
});
