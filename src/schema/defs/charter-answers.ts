import { type } from "arktype";

/**
 * `.kittify/charter/interview/answers.yaml`: the charter interview's answers, one text per question id.
 * Upstream writes the same file with more keys (paradigms, directives, tools, agent profile); they are
 * kept untouched. An answer may be blank (the question was skipped).
 */
export const charterAnswersSchema = type({
  "schema_version?": "string",
  "mission?": "string",
  "profile?": "string",
  "answers?": { "[string]": "string | null" },
  "+": "ignore",
});
