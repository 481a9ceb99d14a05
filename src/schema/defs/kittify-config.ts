import { type } from "arktype";

/**
 * `.kittify/config.yaml`. Sections other than these (written by spec-kitty 3.1.x or by the user) are
 * accepted and ignored, so a project can move between editions.
 */
export const projectConfigSchema = type({
  "vcs?": { "type?": "string", "+": "ignore" },
  "agents?": {
    "available?": "string[] | null",
    "auto_commit?": "boolean",
    "+": "ignore",
  },
  "release?": { "version_is_spec_kitty_version?": "boolean", "+": "ignore" },
  "worktrees?": {
    "setup?": { "link?": "string[]", "copy?": "string[]", "run?": "string[]", "+": "reject" },
    "+": "ignore",
  },
  // `spec-kitty dispatch`: the run timeout and, per agent key, how its CLI is invoked headless
  // (overriding or adding to the built-in table in src/core/dispatch/agents.ts).
  "dispatch?": {
    "timeout?": "number > 0",
    "agents?": {
      "[string]": {
        "command?": "string[] > 0",
        "prompt?": "'stdin' | 'file' | 'arg'",
        "env?": "string[]",
        "timeout?": "number > 0",
        "+": "reject",
      },
    },
    "+": "reject",
  },
  "+": "ignore",
});
