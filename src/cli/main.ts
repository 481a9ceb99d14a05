import type { ArgsDef, CommandDef } from "citty";
import { UsageError } from "../core/errors.ts";
import { setLockWaitNotice } from "../core/fs/lock.ts";
import { VERSION } from "../version.ts";
import { type ErrorRenderer, errorRendererOf, renderError } from "./boundary.ts";
import { describe, renderHelp } from "./help.ts";
import { type CliIO, io, processIO, setIO } from "./io.ts";
import { parseStrict } from "./parse.ts";
import { resolveValue } from "./resolve.ts";
import { didYouMean } from "./suggest.ts";

const HELP = new Set(["-h", "--help"]);
/** Every way to ask for the version; `bin.ts` answers the same set before loading anything. */
export const VERSION_FLAGS: ReadonlySet<string> = new Set(["--version", "-v", "-V"]);

async function visibleNames(subs: Record<string, unknown>): Promise<string[]> {
  const names: string[] = [];
  for (const [name, sub] of Object.entries(subs)) {
    if (!(await describe(sub as never)).hidden) names.push(name);
  }
  return names;
}

/** Walks the command tree: `agent mission create …` → the `create` command and its own argv. */
async function locate(
  root: CommandDef,
  argv: string[],
  /** Called with each command on the way down (root first), as soon as it is loaded. */
  enter: (cmd: CommandDef, path: string[]) => void = () => undefined,
): Promise<{ cmd: CommandDef; path: string[]; rest: string[] }> {
  let cmd = root;
  const path: string[] = [];
  let rest = argv;
  for (;;) {
    enter(cmd, path);
    const subs = await resolveValue(cmd.subCommands);
    const head = rest[0];
    if (!subs || head === undefined || head.startsWith("-")) return { cmd, path, rest };
    // Own keys only: `spec-kitty constructor` or `hasOwnProperty` must be unknown commands, not
    // Object.prototype members.
    if (!Object.hasOwn(subs, head)) {
      const names = await visibleNames(subs);
      const where = path.length ? `spec-kitty ${path.join(" ")}` : "spec-kitty";
      throw new UsageError(
        `unknown command '${[...path, head].join(" ")}'${didYouMean(head, names)}`,
        `available: ${names.join(", ")}; see '${where} --help'`,
      );
    }
    cmd = (await resolveValue(subs[head])) as CommandDef;
    path.push(head);
    rest = rest.slice(1);
  }
}

/** A group (no `run`) given a flag that is not --help: name the flag, not "needs a command". */
async function groupUsageError(cmd: CommandDef, path: string[], rest: string[]): Promise<UsageError> {
  const where = path.length ? `spec-kitty ${path.join(" ")}` : "spec-kitty";
  const flag = rest.find((token) => token.startsWith("-"));
  if (flag !== undefined) {
    const known = path.length === 0 ? ["--help", "--version"] : ["--help"];
    return new UsageError(
      `unknown option '${flag.split("=")[0]}' for '${where}'${didYouMean(flag.split("=")[0] ?? flag, known)}`,
      `run '${where} --help' to see the options`,
    );
  }
  const names = await visibleNames((await resolveValue(cmd.subCommands)) ?? {});
  return new UsageError(`'${where}' needs a command`, `one of: ${names.join(", ")}`);
}

/**
 * Runs the CLI for one argv against the command tree `root` and returns the exit code. The only caller
 * that exits the process is `bin.ts`; tests call this in process with their own IO.
 */
export async function runCli(root: CommandDef, argv: string[], custom?: CliIO): Promise<number> {
  setIO(custom ?? processIO());
  // A command that waits for another process's lock says so on stderr (never on stdout: --json).
  setLockWaitNotice((message) => io().stderr(`${message}\n`));
  const json = argv.includes("--json");
  // The nearest command on the path with its own error output (see withErrorRenderer), if any.
  let renderer: ErrorRenderer | undefined;
  const site = { path: [] as string[], running: false };
  try {
    if (argv[0] !== undefined && VERSION_FLAGS.has(argv[0])) {
      if (argv.length > 1) throw new UsageError(`unexpected argument '${argv[1]}' after ${argv[0]}`);
      io().stdout(`spec-kitty ${VERSION}\n`);
      return 0;
    }
    const { cmd, path, rest } = await locate(root, argv, (at, atPath) => {
      renderer = errorRendererOf(at) ?? renderer;
      site.path = [...atPath];
    });
    const subs = await resolveValue(cmd.subCommands);
    // Everything after `--` is an argument, even `--help` (the completion scripts pass words that way).
    const options = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
    if (options.some((token) => HELP.has(token)) || (subs && !cmd.run && rest.length === 0)) {
      io().stdout(await renderHelp(cmd, path));
      return 0;
    }
    if (!cmd.run) throw await groupUsageError(cmd, path, rest);
    const args: ArgsDef = (await resolveValue(cmd.args)) ?? {};
    const parsed = parseStrict(rest, args, path.join(" "));
    site.running = true;
    const result = await cmd.run({ rawArgs: rest, args: parsed as never, cmd });
    return typeof result === "number" ? result : 0;
  } catch (error) {
    return renderer ? renderer(error, site) : renderError(error, json);
  }
}
