import { type } from "arktype";

/**
 * `kitty-specs/<dir>/meta.json`, as every spec-kitty era writes it. Nothing is required on read (the
 * original requires nothing either): missions written by older versions have no `mission_id`, say
 * `feature_slug`/`feature_number`/`mission` instead of `mission_slug`/`mission_number`/`mission_type`,
 * and 3.2 writes `mission_number` as an integer (or null until merge) where 3.1 wrote "NNN". Flows that
 * need an identity check for `mission_id` themselves. Unknown keys are kept untouched on rewrite.
 */
export const missionMetaSchema = type({
  "mission_id?": "string",
  "mission_number?": "string | number.integer | null",
  "slug?": "string",
  "mission_slug?": "string",
  "feature_slug?": "string",
  "feature_number?": "string | number.integer | null",
  "friendly_name?": "string",
  "mission_type?": "string",
  "mission?": "string",
  "target_branch?": "string",
  "created_at?": "string",
  "vcs?": "string | null",
  // 3.2 coordination topology. An unknown `topology` value is read as absent, as the original does.
  "topology?": "string | null",
  "coordination_branch?": "string | null",
  "flattened?": "boolean | null",
  "+": "ignore",
});
