import type { CommandDef } from "citty";
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

/** Where an error happened: finding the command and parsing its flags, or inside its `run`. */
export interface ErrorSite {
  /** The command path as far as it was found (`["orchestrator-api", "transition"]`). */
  path: string[];
  /** True once the command's own `run` started (its flags parsed). */
  running: boolean;
}

/** Renders an error (prints it) and returns the exit code. */
export type ErrorRenderer = (error: unknown, site: ErrorSite) => number;

const renderers = new WeakMap<object, ErrorRenderer>();

/**
 * Gives a command subtree its own error output: every error raised while locating, parsing or running
 * a command at or below `cmd` goes to `render` instead of `renderError`. Used by `orchestrator-api`,
 * whose contract is one JSON envelope on stdout for every failure, usage errors included.
 */
export function withErrorRenderer<T extends CommandDef>(cmd: T, render: ErrorRenderer): T {
  renderers.set(cmd, render);
  return cmd;
}

export function errorRendererOf(cmd: CommandDef): ErrorRenderer | undefined {
  return renderers.get(cmd);
}
