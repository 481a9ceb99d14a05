import type * as defs from "./defs/wp-frontmatter.ts";
import { validator } from "./runtime.ts";

/**
 * The WP id grammar of tasks.md headers, filenames and frontmatter: `WP` + two digits (`WP01`), or a
 * number from 100 up without leading zeros (`WP100`) for very large missions. `WP1`, `WP001`, `wp01`
 * are not ids. Use `WP_ID` inside other regexes; it refuses a trailing digit.
 */
export const WP_ID = "WP(?:\\d{2}|[1-9]\\d{2,})(?!\\d)";
export const WP_ID_PATTERN = new RegExp(`^${WP_ID}$`);

/** Numeric order for valid ids (shorter first, then by text): WP02 < WP10 < WP100. */
export function compareWpIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Frontmatter of `kitty-specs/<slug>/tasks/WPnn-*.md`; the definition is in `defs/wp-frontmatter.ts`. */
export type WpFrontmatter = (typeof defs.wpFrontmatterSchema)["infer"] & Record<string, unknown>;
export const wpFrontmatterSchema = validator<WpFrontmatter>("wpFrontmatterSchema");

/**
 * Every key spec-kitty 3.0–3.2.6 knows in WP frontmatter (upstream's strict `WPMetadata` of each tag,
 * plus the keys its own commands write outside that model); anything else earns a warning. Keys
 * upstream 3.1.1 does not know (see WRITABLE_WP_KEYS) are read, never written.
 */
export const KNOWN_WP_KEYS = new Set([
  "work_package_id",
  "title",
  "dependencies",
  "base_branch",
  "base_commit",
  "created_at",
  "planning_base_branch",
  "merge_target_branch",
  "branch_strategy",
  "requirement_refs",
  "priority",
  "execution_mode",
  "owned_files",
  "authoritative_surface",
  "task_type",
  "subtasks",
  "phase",
  "phases",
  "assignee",
  "agent",
  "model",
  "agent_profile",
  "role",
  "shell_pid",
  "history",
  "lane",
  "feature_slug",
  "activity_log",
  "review_status",
  "reviewed_by",
  "approved_by",
  "reviewer",
  "reviewer_agent",
  "reviewer_shell_pid",
  "review_feedback",
  "review_feedback_file",
  "subtitle",
  "description",
  "estimated_duration",
  "tags",
  "mission_id",
  "mission_number",
  "mission_slug",
  "status",
  "wp_code",
  "branch_strategy_override",
  "work_package_title",
  // 3.2: added to the strict model at 3.2.0 (scope, tracker_refs, create_intent) and 3.2.6
  // (shell_pid_created_at); move-task reads pre_review_test_scope although no model admits it.
  "scope",
  "tracker_refs",
  "create_intent",
  "shell_pid_created_at",
  "pre_review_test_scope",
]);

/**
 * The keys this edition may write into WP frontmatter: the ones every upstream strict model from
 * 3.1.1 to 3.2.6 accepts (3.1.1 rejects scope, tracker_refs, create_intent, shell_pid_created_at and
 * pre_review_test_scope; 3.2.6 rejects branch_strategy_override), so a WP file we touched never makes
 * an upstream reader drop the WP. test/unit/upstream-write-contract.test.ts checks every writer.
 */
export const WRITABLE_WP_KEYS: ReadonlySet<string> = new Set(
  [...KNOWN_WP_KEYS].filter(
    (key) =>
      ![
        "scope",
        "tracker_refs",
        "create_intent",
        "shell_pid_created_at",
        "pre_review_test_scope",
        "branch_strategy_override",
      ].includes(key),
  ),
);

/** Where a key goes when it is added: this order first, then alphabetical (as spec-kitty 3.1 writes). */
export const WP_FIELD_ORDER = [
  "work_package_id",
  "title",
  "dependencies",
  "requirement_refs",
  "planning_base_branch",
  "merge_target_branch",
  "branch_strategy",
  "base_branch",
  "base_commit",
  "created_at",
  "subtasks",
  "phase",
  "assignee",
  "agent",
  "shell_pid",
  "scope",
  "history",
];
