import { type } from "arktype";

/**
 * Frontmatter of `kitty-specs/<dir>/tasks/WPnn-*.md`. Types are checked for the keys spec-kitty acts
 * on; other known keys are accepted as-is. Unknown keys and an `execution_mode` other than
 * `code_change`/`planning_artifact` are NOT errors (spec-kitty 3.1 rejected unknown keys and silently
 * hid the WP): callers keep them and report a warning.
 */
export const wpFrontmatterSchema = type({
  "work_package_id?": "string",
  "title?": "string | null",
  "dependencies?": "string[] | string | null",
  "requirement_refs?": "string[] | string | null",
  "execution_mode?": "string | null",
  "owned_files?": "string[] | null",
  "authoritative_surface?": "string | null",
  // Keys spec-kitty shows, compares or puts into prompts: text (a list or a map there is a hand-edit
  // mistake, refused with the file and line). Every upstream era writes them as strings.
  "agent?": "string | null",
  "assignee?": "string | null",
  "shell_pid?": "string | null",
  "base_branch?": "string | null",
  "base_commit?": "string | null",
  "lane?": "string | null",
  "+": "ignore",
});
