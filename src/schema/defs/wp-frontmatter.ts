import { type } from "arktype";

/**
 * Frontmatter of `kitty-specs/<slug>/tasks/WPnn-*.md`. Types are checked for the keys spec-kitty acts
 * on; other known keys are accepted as-is. Unknown keys are NOT errors (spec-kitty 3.1 rejected them and
 * silently hid the WP): callers keep them and report a warning.
 */
export const wpFrontmatterSchema = type({
  "work_package_id?": "string",
  "title?": "string | null",
  "dependencies?": "string[] | string | null",
  "requirement_refs?": "string[] | string | null",
  "execution_mode?": "'code_change' | 'planning_artifact' | null",
  "owned_files?": "string[] | null",
  "authoritative_surface?": "string | null",
  "+": "ignore",
});
