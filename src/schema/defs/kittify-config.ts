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
  "+": "ignore",
});
