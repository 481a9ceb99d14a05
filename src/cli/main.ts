import type { ArgsDef, CommandDef } from "citty";
import root from "../commands/index.ts";
import { UsageError } from "../core/errors.ts";
import { VERSION } from "../version.ts";
import { renderError } from "./boundary.ts";
import { describe, renderHelp } from "./help.ts";
import { type CliIO, io, processIO, setIO } from "./io.ts";
import { parseStrict } from "./parse.ts";
import { resolveValue } from "./resolve.ts";

const HELP = new Set(["-h", "--help"]);

/** Walks the command tree: `agent mission create …` → the `create` command and its own argv. */
async function locate(argv: string[]): Promise<{ cmd: CommandDef; path: string[]; rest: string[] }> {
  let cmd: CommandDef = root as CommandDef;
  const path: string[] = [];
  let rest = argv;
  for (;;) {
    const subs = await resolveValue(cmd.subCommands);
    const head = rest[0];
    if (!subs || head === undefined || head.startsWith("-")) return { cmd, path, rest };
    const next = subs[head];
    if (!next) {
      const visible: string[] = [];
      for (const [name, sub] of Object.entries(subs)) {
        if (!(await describe(sub)).hidden) visible.push(name);
      }
      throw new UsageError(
        `unknown command '${[...path, head].join(" ")}'`,
        `available: ${visible.join(", ")}; see 'spec-kitty ${path.join(" ")} --help'`.replace("  ", " "),
      );
    }
    cmd = (await resolveValue(next)) as CommandDef;
    path.push(head);
    rest = rest.slice(1);
  }
}

/**
 * Runs the CLI for one argv and returns the exit code. The only caller that exits the process is
 * `bin.ts`; tests call this in process with their own IO.
 */
export async function runCli(argv: string[], custom?: CliIO): Promise<number> {
  setIO(custom ?? processIO());
  const json = argv.includes("--json");
  try {
    if (argv[0] === "--version" || argv[0] === "-v") {
      if (argv.length > 1) throw new UsageError(`unexpected argument '${argv[1]}' after ${argv[0]}`);
      io().stdout(`spec-kitty ${VERSION}\n`);
      return 0;
    }
    const { cmd, path, rest } = await locate(argv);
    const subs = await resolveValue(cmd.subCommands);
    if (rest.some((token) => HELP.has(token)) || (subs && !cmd.run && rest.length === 0)) {
      io().stdout(await renderHelp(cmd, path));
      return 0;
    }
    if (!cmd.run)
      throw new UsageError(`'${path.join(" ")}' needs a command`, "run it with --help to list them");
    const args: ArgsDef = (await resolveValue(cmd.args)) ?? {};
    const parsed = parseStrict(rest, args, path.join(" "));
    const result = await cmd.run({ rawArgs: rest, args: parsed as never, cmd });
    return typeof result === "number" ? result : 0;
  } catch (error) {
    return renderError(error, json);
  }
}
