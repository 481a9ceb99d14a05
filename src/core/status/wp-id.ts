import { SpecKittyError } from "../errors.ts";

const WP_ID = /^WP\d{2}$/;

/**
 * Checks a WP id from the command line. Only `WP` + two digits is a WP id (the form file names use);
 * the id later becomes part of paths (`tasks/<WP>/review-cycle-N.md`), so nothing looser is accepted.
 */
export function checkWpId(value: string): string {
  if (WP_ID.test(value)) return value;
  throw new SpecKittyError("INVALID_WP_ID", `'${value}' is not a work package id`, {
    fix: "use the form WP01 (upper-case WP and two digits)",
    details: { wp_id: value },
  });
}
