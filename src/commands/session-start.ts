import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { findProjectRoot } from "../core/project.ts";
import { sessionOrientation } from "../core/views/session.ts";
import { VERSION } from "../version.ts";

/**
 * Claude Code's SessionStart hook (`.claude/settings.json`, written by spec-kitty 3.2's init). Outside a
 * spec-kitty project it prints nothing. It never fails: a hook error must not stop a session.
 */
export default defineCommand({
  meta: {
    name: "session-start",
    description:
      "Claude Code hook: print a short orientation for this project (always exits 0)\n" +
      "Run by the SessionStart hook; takes no arguments and reads no input.",
    hidden: true,
  },
  args: {},
  run: () => {
    try {
      const root = findProjectRoot(io().cwd);
      io().stdout(`${sessionOrientation(root, VERSION).join("\n")}\n`);
    } catch {
      // Not a project, or something unreadable: say nothing, exit 0.
    }
    return 0;
  },
});
