import { type } from "arktype";

/**
 * `kitty-specs/<slug>/meta.json`. Every key is optional on read so missions written by older
 * spec-kitty versions (no `mission_id`, `feature_slug` instead of `mission_slug`) still load; flows that
 * need an identity check for `mission_id` themselves. Unknown keys are kept untouched.
 */
export const missionMetaSchema = type({
  "mission_id?": "string",
  "mission_number?": "string",
  "slug?": "string",
  "mission_slug?": "string",
  "feature_slug?": "string",
  "feature_number?": "string",
  "friendly_name?": "string",
  "mission_type?": "string",
  "mission?": "string",
  "target_branch?": "string",
  "created_at?": "string",
  "vcs?": "string",
  "+": "ignore",
});
