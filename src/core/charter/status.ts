/** `charter status`: whether the charter exists, came from the current answers, or was edited since. */
import { sha256 } from "../owned/manifest.ts";
import { ANSWERS_FILE, readAnswers, readCharter } from "./files.ts";
import { readMarker } from "./generate.ts";
import { sections } from "./sections.ts";

export type CharterState =
  /** No charter file at all. */
  | "missing"
  /** Generated from the answers as they are now, and unedited. */
  | "synced"
  /** The answers changed after the charter was generated. */
  | "stale"
  /** Edited after generation (that is fine; generate will then need --force). */
  | "edited"
  /** Written by hand or by another tool: no generation marker. */
  | "custom"
  /** Only a constitution from an older spec-kitty: `spec-kitty upgrade` moves it. */
  | "legacy";

export interface CharterStatus {
  status: CharterState;
  charter_path: string | null;
  interview_path: string;
  interview_exists: boolean;
  answers_hash: string | null;
  generated_from_hash: string | null;
  sections: string[];
  size_bytes: number;
}

export function charterStatus(root: string): CharterStatus {
  const charter = readCharter(root);
  const answers = readAnswers(root);
  const answersHash = answers ? sha256(answers.text) : null;
  const base = {
    interview_path: ANSWERS_FILE,
    interview_exists: answers !== null,
    answers_hash: answersHash,
  };
  if (!charter) {
    return {
      ...base,
      status: "missing",
      charter_path: null,
      generated_from_hash: null,
      sections: [],
      size_bytes: 0,
    };
  }
  const marker = readMarker(charter.text);
  const status: CharterState = charter.legacy
    ? "legacy"
    : !marker
      ? "custom"
      : marker.actualHash !== marker.textHash
        ? "edited"
        : marker.answersHash !== answersHash
          ? "stale"
          : "synced";
  return {
    ...base,
    status,
    charter_path: charter.path,
    generated_from_hash: marker?.answersHash ?? null,
    sections: sections(charter.text).map((s) => s.heading),
    size_bytes: Buffer.byteLength(charter.text),
  };
}
