/**
 * Where the charter lives, in every era, and the answers file's reader and writer. Every path is
 * contained: a charter linked in from outside the project is never read into a prompt.
 */
import { existsSync } from "node:fs";
import { type CharterAnswersFile, charterAnswersSchema } from "../../schema/charter-answers.ts";
import { checkFile } from "../../schema/check.ts";
import { containedPath } from "../fs/safe-path.ts";
import { parseYaml, readTextFile } from "../fs/text.ts";

export const CHARTER_DIR = ".kittify/charter";
export const CHARTER_FILE = `${CHARTER_DIR}/charter.md`;
export const ANSWERS_FILE = `${CHARTER_DIR}/interview/answers.yaml`;
/** Where older spec-kitty kept it (read as they are until `spec-kitty upgrade` moves them). */
export const LEGACY_CHARTER_FILES = [
  ".kittify/constitution/constitution.md",
  ".kittify/memory/constitution.md",
];

export interface CharterSource {
  /** Project-relative path of the file read. */
  path: string;
  text: string;
  legacy: boolean;
}

export function readCharter(root: string): CharterSource | null {
  for (const path of [CHARTER_FILE, ...LEGACY_CHARTER_FILES]) {
    const abs = containedPath(root, path);
    if (existsSync(abs)) return { path, text: readTextFile(abs, path), legacy: path !== CHARTER_FILE };
  }
  return null;
}

export function readAnswers(root: string): { file: CharterAnswersFile; text: string } | null {
  const abs = containedPath(root, ANSWERS_FILE);
  if (!existsSync(abs)) return null;
  const text = readTextFile(abs, ANSWERS_FILE);
  return { file: checkFile(charterAnswersSchema, parseYaml(text, ANSWERS_FILE) ?? {}, ANSWERS_FILE), text };
}
