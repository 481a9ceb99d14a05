import { type } from "arktype";

/**
 * `.kittify/owned-files.json`: every file spec-kitty wrote into the project (mission templates, agent
 * command files), with the exact bytes it wrote (`base`) and their sha256. A file whose bytes still
 * hash to `sha256` is unedited and may be updated or removed; any other is the user's and is kept. The
 * base is what upgrade merges user edits against. Written by init, `agent config` and upgrade.
 */
const ownedEntrySchema = type({
  path: "string",
  sha256: /^[0-9a-f]{64}$/,
  agents: "string[]",
  base: "string",
  "+": "reject",
});

export const ownedFilesSchema = type({
  schema_version: "1",
  spec_kitty_version: "string",
  files: ownedEntrySchema.array(),
  "+": "reject",
});
