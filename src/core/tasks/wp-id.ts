import { WP_ID_PATTERN } from "../../schema/wp-frontmatter.ts";
import { SpecKittyError } from "../errors.ts";

/**
 * Checks a WP id from the command line against the one WP id grammar (`WP01`…`WP99`, `WP100` and up).
 * The id later becomes part of paths (`tasks/<WP>/review-cycle-N.md`), so nothing looser is accepted.
 * A malformed id is a usage error (exit 2), like any malformed argument.
 */
export function checkWpId(value: string): string {
  if (WP_ID_PATTERN.test(value)) return value;
  throw new SpecKittyError("INVALID_WP_ID", `'${value}' is not a work package id`, {
    fix: "use the form WP01 (upper-case WP and two digits; WP100 and up for very large missions)",
    details: { wp_id: value },
    exitCode: 2,
  });
}
