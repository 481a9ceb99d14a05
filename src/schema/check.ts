import { InvalidFileError } from "../core/errors.ts";
import { type SchemaCheck, SchemaErrors } from "./runtime.ts";

/**
 * Validates `value` (already parsed from `file`) against a schema and returns the typed result, or
 * throws InvalidFileError naming the file and every problem (`a must be a string (was number); ...`).
 */
export function checkFile<T>(schema: SchemaCheck<T>, value: unknown, file: string): T {
  const result = schema(value);
  if (result instanceof SchemaErrors) {
    throw new InvalidFileError(file, result.summary.replace(/\n/g, "; "), {
      fix: `correct ${file} by hand, or restore it from version control`,
    });
  }
  return result;
}
