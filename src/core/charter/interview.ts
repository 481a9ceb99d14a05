/**
 * Saving the interview's answers. A new answers file gets upstream's keys (so spec-kitty 3.2 reads it);
 * an existing one is edited in place, keeping every key and comment the interview does not own.
 */
import { applyChanges } from "../fs/changeset.ts";
import { ANSWERS_FILE, readAnswers } from "./files.ts";
import { type Profile, questionsFor } from "./questions.ts";

export interface InterviewResult {
  path: string;
  profile: Profile;
  answers: Record<string, string>;
  /** `defaults`: every answer is the neutral fallback. */
  source: "interview" | "defaults";
}

/** The fallback answers of a profile, keyed by question id. */
export function defaultAnswers(profile: Profile): Record<string, string> {
  return Object.fromEntries(questionsFor(profile).map((q) => [q.id, q.fallback]));
}

function freshFile(profile: Profile, answers: Record<string, string>): string {
  const { stringify } = require("yaml") as typeof import("yaml");
  return stringify(
    {
      schema_version: "1.0.0",
      mission: "software-dev",
      profile,
      answers,
      selected_paradigms: [],
      selected_directives: [],
      available_tools: [],
    },
    { lineWidth: 0 },
  );
}

export function saveAnswers(
  root: string,
  profile: Profile,
  answers: Record<string, string>,
  source: InterviewResult["source"],
): InterviewResult {
  const existing = readAnswers(root);
  let text: string;
  if (existing) {
    const { parseDocument } = require("yaml") as typeof import("yaml");
    const doc = parseDocument(existing.text);
    doc.set("profile", profile);
    for (const [id, answer] of Object.entries(answers)) doc.setIn(["answers", id], answer);
    text = doc.toString({ lineWidth: 0 });
  } else text = freshFile(profile, answers);
  applyChanges(root, [{ path: ANSWERS_FILE, content: text }]);
  return { path: ANSWERS_FILE, profile, answers, source };
}
