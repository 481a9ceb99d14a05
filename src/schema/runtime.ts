/**
 * Run-time validation of files read from disk. The schemas are written once, in arktype (`defs/`), but
 * importing arktype costs ~350 ms of start-up in the binary, so the build turns them into validator
 * code (`generated-ajv.ts`, by scripts/gen-schemas.ts) that loads in no measurable time. Keep arktype
 * out of every module the binary imports.
 */
import { type SchemaName, VALIDATORS } from "./generated.ts";
import { describeProblems, type SchemaProblem } from "./problems.ts";

export type { SchemaName } from "./generated.ts";
export type { SchemaProblem } from "./problems.ts";

/** Why a value does not match its schema: one problem per bad key, each naming its path. */
export class SchemaErrors {
  readonly problems: readonly SchemaProblem[];

  constructor(problems: readonly SchemaProblem[]) {
    this.problems = problems;
  }

  /** One line per problem, e.g. `mission_id must be a string (was number)`. */
  get summary(): string {
    return this.problems.map((problem) => problem.message).join("\n");
  }
}

/** A schema check: the value itself (typed) when it matches, else its problems. Never throws. */
export type SchemaCheck<T> = (value: unknown) => T | SchemaErrors;

/** The check for the schema exported as `name` from `src/schema/defs/`. */
export function validator<T>(name: SchemaName): SchemaCheck<T> {
  const validate = VALIDATORS[name];
  // No morphs or defaults exist in our schemas, so a valid value is returned as-is (as arktype does).
  return (value: unknown) =>
    validate(value) ? (value as T) : new SchemaErrors(describeProblems(validate.errors ?? [], value));
}
