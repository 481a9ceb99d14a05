import { type } from "arktype";

const agentsSection = type({
  "available?": "string[] | null",
  "auto_commit?": "boolean | null",
  "+": "ignore",
});

/**
 * `.kittify/config.yaml` of every spec-kitty era. Sections other than these (`project`, `merge`,
 * `activated_*`, `charter`, … written by spec-kitty 3.x or by the user) are accepted and ignored, so
 * a project can move between editions. 3.0 and older may name the agents section `tools` and put
 * `auto_commit` at the top level; an empty section (`agents:` with nothing under it) reads as absent.
 */
export const projectConfigSchema = type({
  "vcs?": type({ "type?": "string | null", "+": "ignore" }).or("null"),
  "agents?": agentsSection.or("null"),
  "tools?": agentsSection.or("null"),
  "auto_commit?": "boolean | null",
  "release?": type({ "version_is_spec_kitty_version?": "boolean", "+": "ignore" }).or("null"),
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
