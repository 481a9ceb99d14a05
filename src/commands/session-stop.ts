import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { findProjectRoot } from "../core/project.ts";
import { sessionReminder } from "../core/views/session.ts";

/**
 * Claude Code's Stop hook (`.claude/settings.json`, written by spec-kitty 3.2's init): a reminder when
 * dispatched Ops are still open, nothing otherwise. It never fails: a hook error must not block the
 * agent from stopping.
 */
export default defineCommand({
  meta: {
    name: "session-stop",
    description:
      "Claude Code hook: remind about work left open (always exits 0)\n" +
      "Run by the Stop hook; takes no arguments and reads no input.",
    hidden: true,
  },
  args: {},
  run: () => {
    try {
      const lines = sessionReminder(findProjectRoot(io().cwd));
      if (lines.length > 0) io().stdout(`${lines.join("\n")}\n`);
    } catch {
      // Not a project, or something unreadable: say nothing, exit 0.
    }
    return 0;
  },
});
