import { defineCommand } from "citty";
import { printJson, say } from "../../cli/output.ts";
import { CHARTER_ACTIONS, type CharterAction, charterContext } from "../../core/charter/context.ts";
import { jsonArg } from "../_args.ts";
import { projectFromCwd } from "../_mission.ts";

export default defineCommand({
  meta: {
    name: "context",
    description:
      "Print the charter context a prompt for one action carries\n" +
      "The Policy Summary and the sections that concern the action, exactly as the prompts of `next` and\n" +
      "`agent action implement|review` quote them.",
  },
  args: {
    action: {
      type: "enum",
      options: [...CHARTER_ACTIONS],
      required: true,
      description: "specify, plan, implement or review",
    },
    ...jsonArg,
  },
  run: ({ args }) => {
    const context = charterContext(projectFromCwd(), args.action as CharterAction);
    if (args.json) {
      printJson({
        result: "success",
        success: true,
        action: context.action,
        mode: context.mode,
        source: context.source,
        sections: context.sections,
        truncated: context.truncated,
        references_count: 0,
        context: context.text,
        text: context.text,
      });
      return;
    }
    say(context.text);
  },
});
