/**
 * Run-time validation of files read from disk. The schemas are written in arktype (`defs/`), but
 * importing arktype costs ~300 ms of start-up in the binary, so the build converts them to JSON Schema
 * (`generated.ts`, by scripts/gen-schemas.ts) and this module checks values with @cfworker/json-schema,
 * which loads in next to no time. Keep arktype out of every module the binary imports.
 */
import { type Schema, Validator } from "@cfworker/json-schema";
import { JSON_SCHEMAS } from "./generated.ts";
import { describeProblems, type SchemaProblem } from "./problems.ts";

export type { SchemaProblem } from "./problems.ts";

export type SchemaName = keyof typeof JSON_SCHEMAS;

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

/**
 * The check for the schema exported as `name` from `src/schema/defs/`. The Validator is built on first
 * use and kept, so commands pay only for the schemas they actually read.
 */
export function validator<T>(name: SchemaName): SchemaCheck<T> {
  const schema = JSON_SCHEMAS[name];
  let compiled: Validator | undefined;
  return (value: unknown) => {
    // The generated literal is deeply readonly; the library's Schema type is mutable but never mutated.
    compiled ??= new Validator(schema as unknown as Schema, "2020-12", false);
    let result: ReturnType<Validator["validate"]>;
    try {
      result = compiled.validate(value);
    } catch (error) {
      // The library throws on values JSON cannot hold (undefined, bigint, functions); arktype rejects them.
      const message = `value holds something that is not JSON data (${(error as Error).message})`;
      return new SchemaErrors([{ path: [], message }]);
    }
    // No morphs or defaults exist in our schemas, so a valid value is returned as-is (as arktype does).
    return result.valid ? (value as T) : new SchemaErrors(describeProblems(result.errors, value, schema));
  };
}
