import { isSpecKittyError } from "../core/errors.ts";
import { io } from "./io.ts";
import { style } from "./output.ts";

/**
 * The one place where an error becomes output and an exit code. With `--json` the error is the single
 * JSON document on stdout; otherwise it is a short message and a fix hint on stderr.
 */
export function renderError(error: unknown, json: boolean): number {
  const known = isSpecKittyError(error);
  const code = known ? error.code : "INTERNAL";
  const message = known
    ? error.message
    : `unexpected error: ${error instanceof Error ? error.message : String(error)}`;
  const fix = known ? error.fix : "this is a bug in spec-kitty; please report it with the command you ran";
  const exitCode = known ? error.exitCode : 1;
  if (json) {
    const doc: Record<string, unknown> = { error: message, error_code: code };
    if (fix) doc.fix = fix;
    if (known && error.details) doc.details = error.details;
    io().stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    io().stderr(`${style.red("error:")} ${message}\n`);
    if (fix) io().stderr(`${style.dim("fix:")} ${fix}\n`);
    if (!known && error instanceof Error && io().env.SPEC_KITTY_DEBUG) io().stderr(`${error.stack}\n`);
  }
  return exitCode;
}
