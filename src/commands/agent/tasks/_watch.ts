import { io, untilStopSignal } from "../../../cli/io.ts";
import { style } from "../../../cli/output.ts";
import { type ChangeHandler, watchProject } from "../../../core/dashboard/watch.ts";
import { UsageError } from "../../../core/errors.ts";

// The terminal's alternate screen (what `less` and `top` draw on): the shell's scrollback is left as
// it was when the watch ends.
const ENTER = "\u001b[?1049h\u001b[?25l";
const LEAVE = "\u001b[?25h\u001b[?1049l";
const HOME_AND_CLEAR = "\u001b[H\u001b[2J";

/** `--watch` needs a person at a terminal: refused (exit 2) for pipes, files and `--json`. */
export function checkWatchable(json: boolean | undefined): void {
  if (json)
    throw new UsageError(
      "--watch draws a board for a person and cannot be combined with --json",
      "drop one of them",
    );
  if (!io().stdoutIsTTY) {
    throw new UsageError(
      "--watch redraws a terminal, but stdout is not one",
      "run it in a terminal, or leave out --watch to print the board once",
    );
  }
}

/**
 * Draws `render()` and draws it again whenever the project's missions change on disk (after `onChange`
 * has re-read what changed) or the terminal is resized, until Ctrl-C or SIGTERM.
 */
export async function redrawUntilStopped(
  root: string,
  onChange: ChangeHandler,
  render: () => string[],
): Promise<void> {
  const out = io().stdout;
  const paint = () =>
    out(`${HOME_AND_CLEAR}${render().join("\n")}\n\n${style.dim("watching for changes · Ctrl-C to stop")}\n`);
  out(ENTER);
  const watcher = watchProject(root, (keys) => {
    onChange(keys);
    paint();
  });
  const offResize = io().onResize(paint);
  try {
    paint();
    await untilStopSignal();
  } finally {
    watcher.close();
    offResize();
    out(LEAVE);
  }
}
