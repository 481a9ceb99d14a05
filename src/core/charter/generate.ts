/**
 * charter.md from the interview's answers: a Policy Summary (one line per answer, what every prompt
 * quotes first) and one section per question. The marker on its second line records the hashes of
 * the answers it came from and of its own text, so `charter status` tells stale from edited, and
 * `generate` never overwrites edits without --force (and then keeps a backup).
 */
import { SpecKittyError } from "../errors.ts";
import { applyChanges, backupDirFor } from "../fs/changeset.ts";
import { sha256 } from "../owned/manifest.ts";
import { CHARTER_FILE, readAnswers, readCharter } from "./files.ts";
import { defaultAnswers } from "./interview.ts";
import { PROFILES, type Profile, QUESTIONS } from "./questions.ts";

const MARKER =
  /^<!-- spec-kitty charter: answers sha256 ([0-9a-f]{64}|none), text sha256 ([0-9a-f]{64}) -->$/m;

export interface CharterMarker {
  answersHash: string | null;
  textHash: string;
  /** The hash of the text as it is now (after the marker line). */
  actualHash: string;
}

function bodyAfterMarker(text: string): string {
  const match = MARKER.exec(text);
  // The marker line's own newline is not part of the hashed text.
  return match ? text.slice((match.index ?? 0) + match[0].length + 1) : text;
}

export function readMarker(text: string): CharterMarker | null {
  const match = MARKER.exec(text);
  if (!match) return null;
  return {
    answersHash: match[1] === "none" ? null : (match[1] as string),
    textHash: match[2] as string,
    actualHash: sha256(bodyAfterMarker(text)),
  };
}

export function renderCharter(answers: Record<string, string>, answersHash: string | null): string {
  const answered = QUESTIONS.filter((q) => (answers[q.id] ?? "").trim() !== "");
  const oneLine = (text: string) =>
    text
      .trim()
      .split(/\n\s*\n/)[0]
      ?.replace(/\s+/g, " ") ?? "";
  const body = [
    "",
    "This charter states the project's principles. spec-kitty quotes the Policy Summary, and the",
    "sections that matter for each step, in the prompts it writes for specify, plan, implement and review.",
    "",
    "## Policy Summary",
    "",
    ...answered.map((q) => `- **${q.label}**: ${oneLine(answers[q.id] as string)}`),
    "",
    ...answered.flatMap((q) => [`## ${q.heading}`, "", (answers[q.id] as string).trim(), ""]),
  ].join("\n");
  const marker = `<!-- spec-kitty charter: answers sha256 ${answersHash ?? "none"}, text sha256 ${sha256(body)} -->`;
  return `# Project Charter\n${marker}\n${body}`;
}

export interface GenerateResult {
  path: string;
  source: "interview" | "defaults";
  profile: Profile;
  written: boolean;
  backups: string[];
  sections: number;
}

export function generateCharter(root: string, options: { force: boolean; now?: Date }): GenerateResult {
  const saved = readAnswers(root);
  const profile = (PROFILES as readonly string[]).includes(saved?.file.profile ?? "")
    ? (saved?.file.profile as Profile)
    : "minimal";
  const answers: Record<string, string> = saved
    ? Object.fromEntries(Object.entries(saved.file.answers ?? {}).map(([id, a]) => [id, a ?? ""]))
    : defaultAnswers(profile);
  const text = renderCharter(answers, saved ? sha256(saved.text) : null);
  const current = readCharter(root);
  const existing = current && !current.legacy ? current.text : null;
  if (existing === text) {
    return {
      path: CHARTER_FILE,
      source: saved ? "interview" : "defaults",
      profile,
      written: false,
      backups: [],
      sections: 0,
    };
  }
  const marker = existing === null ? null : readMarker(existing);
  const edited = existing !== null && (marker === null || marker.actualHash !== marker.textHash);
  if (edited && !options.force) {
    throw new SpecKittyError(
      "CHARTER_EDITED",
      `${CHARTER_FILE} was edited (or not written by spec-kitty); generate would replace it`,
      {
        fix: "pass --force to replace it (its current text is kept under .kittify/backups/), or edit it by hand",
      },
    );
  }
  const { backups } = applyChanges(root, [{ path: CHARTER_FILE, content: text, backup: edited }], {
    backupDir: backupDirFor(options.now ?? new Date()),
  });
  const sections = QUESTIONS.filter((q) => (answers[q.id] ?? "").trim() !== "").length;
  return {
    path: CHARTER_FILE,
    source: saved ? "interview" : "defaults",
    profile,
    written: true,
    backups,
    sections,
  };
}
