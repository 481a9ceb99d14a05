import { defineCommand } from "citty";
import { lazy } from "../cli/lazy.ts";

/** `spec-kitty charter …`: the project's principles, which every action's prompt quotes. */
export default defineCommand({
  meta: {
    name: "charter",
    description:
      "Agree, write and inspect the project charter (the principles every prompt carries)\n" +
      "The charter lives in .kittify/charter/charter.md; the interview's answers in\n" +
      ".kittify/charter/interview/answers.yaml. The prompts of next and agent action quote the part of it\n" +
      "that concerns their step.",
  },
  subCommands: {
    interview: lazy(
      "Answer the charter questions (in a terminal, or --defaults)",
      () => import("./charter/interview.ts"),
    ),
    generate: lazy("Write charter.md from the interview's answers", () => import("./charter/generate.ts")),
    status: lazy(
      "Show whether the charter exists, is current, or was edited",
      () => import("./charter/status.ts"),
    ),
    context: lazy(
      "Print the charter context a prompt for one action carries",
      () => import("./charter/context.ts"),
    ),
  },
});
