import { defineCommand } from "citty";
import { complete } from "../cli/complete.ts";
import { io } from "../cli/io.ts";

/**
 * What the completion scripts call: `spec-kitty __complete -- <words after spec-kitty…>`, the last word
 * being the one to complete (may be empty). Prints one candidate per line and never fails: a
 * completion that cannot help offers nothing.
 */
export default defineCommand({
  meta: {
    name: "__complete",
    description:
      "Internal: print completion candidates for the words after `spec-kitty` (used by completion scripts)",
    hidden: true,
  },
  args: {
    words: {
      type: "positional",
      required: false,
      valueHint: "WORD...",
      description: "The words typed so far",
    },
  },
  run: async ({ rawArgs }) => {
    const dash = rawArgs.indexOf("--");
    const words = dash === -1 ? rawArgs : rawArgs.slice(dash + 1);
    const { default: root } = await import("./index.ts");
    try {
      const candidates = await complete(root, words.length ? words : [""], io().cwd);
      if (candidates.length) io().stdout(`${candidates.join("\n")}\n`);
    } catch {
      // Completion never breaks the shell.
    }
  },
});
