/**
 * The one writer of `.kittify/config.yaml` and `.kittify/metadata.yaml` after init: edits through the
 * `yaml` package's document model, so comments, key order and every key spec-kitty does not know
 * survive. Pure text → text; callers write the result with the rest of their changes.
 */
import type { Document } from "yaml";
import { CONFIG_FILE, METADATA_FILE, parseProjectConfig, parseProjectMetadata } from "./config.ts";
import { InvalidFileError } from "./errors.ts";

function edit(text: string, file: string, change: (doc: Document) => void): string {
  const { parseDocument } = require("yaml") as typeof import("yaml");
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new InvalidFileError(file, `not valid YAML (${doc.errors[0]?.message.split("\n")[0]})`, {
      line: doc.errors[0]?.linePos?.[0].line,
    });
  }
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  change(doc);
  // Keep the file's list style: PyYAML (upstream) writes `key:\n- item`, the yaml package indents.
  const flush = /^( *)[^\s#-][^\n]*:[ \t]*\n\1- /m.test(text);
  return doc.toString({ lineWidth: 0, indentSeq: !flush });
}

/** config.yaml with `agents.available` set to `keys` (the rest of the file as it was). */
export function withAgents(text: string, keys: readonly string[]): string {
  parseProjectConfig(text, CONFIG_FILE); // refuse to edit a config that does not validate
  return edit(text, CONFIG_FILE, (doc) => {
    doc.setIn(["agents", "available"], doc.createNode([...keys]));
  });
}

export interface AppliedMigration {
  id: string;
  applied_at: string;
  result: "success" | "skipped" | "failed";
  notes: string;
}

/**
 * metadata.yaml after an upgrade: the migrations appended to `migrations.applied` (an id already
 * recorded with the same result is not added twice), `spec_kitty.version` raised to `version` (never
 * lowered) and `last_upgraded_at` stamped. Keys upgrade does not own (`schema_version`, …) stay.
 */
export function withUpgradeRecorded(
  text: string,
  migrations: readonly AppliedMigration[],
  version: string | null,
  now: string,
): string {
  const current = parseProjectMetadata(text, METADATA_FILE);
  const applied = Array.isArray(current.migrations?.applied) ? current.migrations.applied : [];
  const known = new Set(
    applied.map((row) => {
      const r = row as { id?: unknown; result?: unknown };
      return `${String(r.id)}\u0000${String(r.result)}`;
    }),
  );
  const fresh = migrations.filter((m) => !known.has(`${m.id}\u0000${m.result}`));
  const { isSeq, Scalar } = require("yaml") as typeof import("yaml");
  // Timestamps are quoted, as upstream writes them: a YAML 1.1 reader would turn a bare one into a date.
  const quoted = (value: string) => Object.assign(new Scalar(value), { type: Scalar.QUOTE_SINGLE });
  return edit(text, METADATA_FILE, (doc) => {
    if (version !== null) doc.setIn(["spec_kitty", "version"], version);
    doc.setIn(["spec_kitty", "last_upgraded_at"], quoted(now));
    const rows = fresh.map((m) => {
      const row = doc.createNode({ ...m }) as import("yaml").YAMLMap<unknown, unknown>;
      row.set("applied_at", quoted(m.applied_at));
      return row;
    });
    const seq = doc.getIn(["migrations", "applied"]);
    if (isSeq(seq)) {
      if (rows.length > 0) seq.flow = false; // `applied: []` becomes a block list once it has rows
      for (const row of rows) seq.add(row);
    } else doc.setIn(["migrations", "applied"], doc.createNode([...applied, ...rows]));
  });
}
