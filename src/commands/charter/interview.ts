import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { printJson, say } from "../../cli/output.ts";
import { readAnswers } from "../../core/charter/files.ts";
import { defaultAnswers, saveAnswers } from "../../core/charter/interview.ts";
import { PROFILES, type Profile, type Question, questionsFor } from "../../core/charter/questions.ts";
import { SpecKittyError } from "../../core/errors.ts";
import { envForcesNonInteractive } from "../../core/init/selection.ts";
import { jsonArg } from "../_args.ts";
import { projectFromCwd } from "../_mission.ts";

/** One question after another in the terminal; @clack/prompts is loaded only here. */
async function ask(
  questions: readonly Question[],
  current: Record<string, string>,
): Promise<Record<string, string>> {
  const { isCancel, text, intro, outro } = await import("@clack/prompts");
  intro("Project charter: a few questions (enter keeps the suggestion)");
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const value = await text({ message: q.prompt, initialValue: current[q.id] ?? q.fallback });
    if (isCancel(value)) {
      throw new SpecKittyError("CHARTER_CANCELLED", "charter interview cancelled; nothing was written", {
        fix: "run it again, or pass --defaults and edit the answers file",
      });
    }
    answers[q.id] = String(value ?? "").trim();
  }
  outro("Answers saved; next: spec-kitty charter generate");
  return answers;
}

export default defineCommand({
  meta: {
    name: "interview",
    description:
      "Answer the charter questions (in a terminal, or --defaults)\n" +
      "In a terminal it asks each question, proposing the saved (or a neutral) answer. --defaults writes\n" +
      "the neutral answers without asking, for you or an agent to edit in the answers file. Profiles:\n" +
      "minimal (7 questions) or comprehensive (11). An existing answers file keeps its other keys.",
  },
  args: {
    profile: {
      type: "enum",
      options: [...PROFILES],
      default: "minimal",
      description: "Which questions: minimal (7) or comprehensive (11)",
    },
    defaults: { type: "boolean", description: "Do not ask: write the neutral answers" },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const root = projectFromCwd();
    const profile = args.profile as Profile;
    const questions = questionsFor(profile);
    const interactive =
      !args.defaults &&
      !args.json &&
      !envForcesNonInteractive(io().env) &&
      io().stdinIsTTY &&
      io().stdoutIsTTY;
    if (!args.defaults && !interactive) {
      throw new SpecKittyError(
        "CHARTER_NEEDS_TERMINAL",
        "charter interview asks its questions in a terminal",
        {
          fix: "run it in a terminal, or pass --defaults and edit .kittify/charter/interview/answers.yaml",
        },
      );
    }
    const saved = Object.fromEntries(
      Object.entries(readAnswers(root)?.file.answers ?? {}).map(([id, a]) => [id, a ?? ""]),
    );
    const answers = interactive ? await ask(questions, saved) : { ...defaultAnswers(profile), ...saved };
    const result = saveAnswers(root, profile, answers, interactive ? "interview" : "defaults");
    if (args.json) {
      printJson({
        result: "success",
        success: true,
        interview_path: result.path,
        mission: "software-dev",
        profile,
        questions: questions.map((q) => ({ id: q.id, prompt: q.prompt })),
        answers: result.answers,
        selected_paradigms: [],
        selected_directives: [],
        available_tools: [],
      });
      return;
    }
    say(`Saved ${questions.length} answers to ${result.path}.`, "Next: spec-kitty charter generate");
  },
});
