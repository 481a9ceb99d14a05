import { type } from "arktype";

/**
 * `kitty-specs/<slug>/lanes.json`. Readers accept legacy files: no `mission_id` (the slug stands in),
 * `feature_slug` instead of `mission_slug`, and missing derived fields.
 */
const laneSchema = type({
  lane_id: "string",
  wp_ids: "string[]",
  "write_scope?": "string[]",
  "predicted_surfaces?": "string[]",
  "depends_on_lanes?": "string[]",
  "parallel_group?": "number",
  "+": "ignore",
});

export const lanesFileSchema = type({
  "version?": "number",
  "mission_slug?": "string",
  "feature_slug?": "string",
  "mission_id?": "string | null",
  "mission_branch?": "string",
  "target_branch?": "string",
  lanes: laneSchema.array(),
  "computed_at?": "string",
  "computed_from?": "string",
  "planning_artifact_wps?": "string[]",
  "collapse_report?": "object | null",
  "+": "ignore",
});
