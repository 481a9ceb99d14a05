/** meta.json: the one reader and the one serializer of that file's bytes. */
import { checkFile, jsonLocator } from "../../schema/check.ts";
import { type MissionMeta, missionMetaSchema } from "../../schema/meta.ts";
import { parseJson, readTextFile } from "../fs/text.ts";
import { sortKeysDeep } from "../pyjson.ts";

/** Parses and validates meta.json text; `file` is used in error messages. */
export function parseMissionMeta(text: string, file: string): MissionMeta {
  return checkFile(missionMetaSchema, parseJson(text, file), file, jsonLocator(text)) as MissionMeta;
}

export function readMissionMeta(path: string, file: string): MissionMeta {
  return parseMissionMeta(readTextFile(path, file), file);
}

/**
 * The bytes spec-kitty 3.1 writes: keys sorted recursively, 2-space indent, non-ASCII kept raw,
 * trailing newline. (JSON.stringify already leaves non-ASCII raw.)
 */
export function serializeMissionMeta(meta: MissionMeta): string {
  return `${JSON.stringify(sortKeysDeep(meta), null, 2)}\n`;
}
