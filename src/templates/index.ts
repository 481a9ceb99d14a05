/**
 * Every template shipped in the binary, imported as text so the compiled executable never looks for
 * files at run time. Slash-command templates carry `__AGENT__` and `$ARGUMENTS` placeholders that init
 * renders per agent; mission templates are copied verbatim into `.kittify/templates/`.
 */
import accept from "./commands/accept.md" with { type: "text" };
import analyze from "./commands/analyze.md" with { type: "text" };
import charter from "./commands/charter.md" with { type: "text" };
import checklist from "./commands/checklist.md" with { type: "text" };
import dashboard from "./commands/dashboard.md" with { type: "text" };
import implement from "./commands/implement.md" with { type: "text" };
import merge from "./commands/merge.md" with { type: "text" };
import next from "./commands/next.md" with { type: "text" };
import plan from "./commands/plan.md" with { type: "text" };
import research from "./commands/research.md" with { type: "text" };
import review from "./commands/review.md" with { type: "text" };
import specify from "./commands/specify.md" with { type: "text" };
import status from "./commands/status.md" with { type: "text" };
import tasks from "./commands/tasks.md" with { type: "text" };
import planTemplate from "./mission/plan-template.md" with { type: "text" };
import specTemplate from "./mission/spec-template.md" with { type: "text" };
import taskPromptTemplate from "./mission/task-prompt-template.md" with { type: "text" };
import tasksTemplate from "./mission/tasks-template.md" with { type: "text" };

/** Slash commands in workflow order (the order of the README and of the files list). */
export const COMMAND_TEMPLATES: ReadonlyArray<readonly [name: string, text: string]> = [
  ["specify", specify],
  ["plan", plan],
  ["tasks", tasks],
  ["next", next],
  ["implement", implement],
  ["review", review],
  ["accept", accept],
  ["merge", merge],
  ["status", status],
  ["dashboard", dashboard],
  ["charter", charter],
  ["research", research],
  ["analyze", analyze],
  ["checklist", checklist],
];

/** `.kittify/templates/<file>`: what `agent mission create` and `setup-plan` start new files from. */
export const MISSION_TEMPLATES: ReadonlyArray<readonly [file: string, text: string]> = [
  ["spec-template.md", specTemplate],
  ["plan-template.md", planTemplate],
  ["tasks-template.md", tasksTemplate],
  ["task-prompt-template.md", taskPromptTemplate],
];
