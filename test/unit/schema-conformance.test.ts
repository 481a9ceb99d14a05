/**
 * The arktype definitions (`src/schema/defs/`) are the source of truth; the binary validates with the
 * code generated from their JSON Schema. For every schema, both must accept and reject the same sample
 * values. Valid samples come from fixtures/ and the recorded spec-kitty 3.1.1 outputs where such files
 * exist.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import * as charterAnswers from "../../src/schema/defs/charter-answers.ts";
import * as credentials from "../../src/schema/defs/credentials.ts";
import * as dispatchJournal from "../../src/schema/defs/dispatch-journal.ts";
import * as config from "../../src/schema/defs/kittify-config.ts";
import * as metadata from "../../src/schema/defs/kittify-metadata.ts";
import * as lanes from "../../src/schema/defs/lanes.ts";
import * as journal from "../../src/schema/defs/merge-journal.ts";
import * as meta from "../../src/schema/defs/meta.ts";
import * as missionEvents from "../../src/schema/defs/mission-events.ts";
import * as ownedFiles from "../../src/schema/defs/owned-files.ts";
import * as release from "../../src/schema/defs/release-files.ts";
import * as statusEvent from "../../src/schema/defs/status-event.ts";
import * as snapshot from "../../src/schema/defs/status-snapshot.ts";
import * as userConfig from "../../src/schema/defs/user-config.ts";
import * as wp from "../../src/schema/defs/wp-frontmatter.ts";
import * as wps from "../../src/schema/defs/wps-manifest.ts";
import { VALIDATORS } from "../../src/schema/generated.ts";
import { SchemaErrors, type SchemaName, validator } from "../../src/schema/runtime.ts";
import { FIXTURES } from "../support/fs.ts";
import { SAMPLES } from "./schema-samples.ts";

const DEFS: Record<string, unknown> = {
  ...charterAnswers,
  ...credentials,
  ...dispatchJournal,
  ...config,
  ...metadata,
  ...lanes,
  ...journal,
  ...meta,
  ...missionEvents,
  ...ownedFiles,
  ...release,
  ...statusEvent,
  ...snapshot,
  ...userConfig,
  ...wp,
  ...wps,
};

const UPSTREAM = "/work/shared/reference/upstream-samples";

/** Files found on disk, by file name, as parsed values. */
function samplesOnDisk(): Record<string, unknown[]> {
  const found: Record<string, unknown[]> = {};
  const add = (kind: string, value: unknown) => {
    found[kind] = [...(found[kind] ?? []), value];
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // bad-input fixtures are damaged on purpose: not samples of valid files.
        if (entry.name !== ".git" && !entry.name.startsWith("bad-input")) walk(path);
        continue;
      }
      const text = readFileSync(path, "utf8");
      const name = entry.name.replace(/^[a-z-]+\.(?=(meta|lanes|status|mission-events)\.)/, "");
      if (name === "meta.json" || name === "lanes.json" || name === "status.json")
        add(name, JSON.parse(text));
      else if (name.endsWith(".jsonl")) {
        // A status log shares its file with other row families (annotations, lifecycle, retrospective
        // rows): each is a sample of its own schema; rows of families we skip are no sample at all.
        for (const line of text.split("\n").filter((l) => l.trim())) {
          const row = JSON.parse(line) as Record<string, unknown>;
          if (name !== "status.events.jsonl") add(name, row);
          else if (row.kind === "annotation") add("annotation", row);
          else if (
            !("event_type" in row) &&
            !("event_name" in row) &&
            !/^Retrospective/.test(String(row.type))
          )
            add(name, row);
        }
      } else if (name === "config.yaml" || name === "metadata.yaml" || name === "wps.yaml")
        add(name, parseYaml(text) ?? {});
      else if (/^(finalize-tasks\.)?WP\d+.*\.md$/.test(name) && text.startsWith("---\n")) {
        add("frontmatter", parseYaml(text.slice(4, text.indexOf("\n---", 4))));
      }
    }
  };
  walk(FIXTURES);
  if (existsSync(UPSTREAM)) walk(UPSTREAM);
  return found;
}

const disk = samplesOnDisk();
const fromDisk: Partial<Record<SchemaName, unknown[]>> = {
  missionMetaSchema: disk["meta.json"],
  missionReleaseSchema: disk["meta.json"],
  lanesFileSchema: disk["lanes.json"],
  statusSnapshotFile: disk["status.json"],
  statusEventLine: disk["status.events.jsonl"],
  annotationLine: disk.annotation,
  wpsManifestSchema: disk["wps.yaml"],
  missionEventLine: disk["mission-events.jsonl"],
  projectConfigSchema: disk["config.yaml"],
  projectMetadataSchema: disk["metadata.yaml"],
  wpFrontmatterSchema: disk.frontmatter,
  packageJsonVersionSchema: [
    JSON.parse(readFileSync(join(import.meta.dir, "..", "..", "package.json"), "utf8")),
  ],
  pyprojectVersionSchema: [parseToml('[project]\nname = "x"\nversion = "1.2.3"\n')],
  cargoVersionSchema: [parseToml('[package]\nname = "x"\nversion.workspace = true\n')],
};

interface Verdict {
  arktype: boolean;
  runtime: boolean;
}

function verdict(name: SchemaName, value: unknown): Verdict {
  const def = DEFS[name] as { allows(value: unknown): boolean };
  return { arktype: def.allows(value), runtime: !(validator(name)(value) instanceof SchemaErrors) };
}

describe("arktype and the run-time validator agree", () => {
  test("every generated schema has samples", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(VALIDATORS).sort());
  });

  test("disk samples were found (meta, lanes, status, events, config, frontmatter)", () => {
    for (const kind of [
      "meta.json",
      "lanes.json",
      "status.events.jsonl",
      "config.yaml",
      "frontmatter",
      "annotation",
    ]) {
      expect(disk[kind]?.length ?? 0).toBeGreaterThan(0);
    }
  });

  for (const name of Object.keys(SAMPLES) as SchemaName[]) {
    test(name, () => {
      const { valid, invalid, arrayForObject = [] } = SAMPLES[name];
      for (const value of [...valid, ...(fromDisk[name] ?? [])]) {
        expect({ value, ...verdict(name, value) }).toEqual({ value, arktype: true, runtime: true });
      }
      for (const value of invalid) {
        expect({ value, ...verdict(name, value) }).toEqual({ value, arktype: false, runtime: false });
      }
      for (const value of arrayForObject) {
        expect({ value, ...verdict(name, value) }).toEqual({ value, arktype: true, runtime: false });
      }
    });
  }
});
