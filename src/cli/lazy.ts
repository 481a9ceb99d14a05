import type { CommandDef } from "citty";

/**
 * A subcommand that loads on first use but knows its one-line summary up front, so `--help` and the
 * unknown-command message can list a group without importing every command in it (each import pulls
 * in its own modules and costs start-up). A test checks each summary equals the command's own.
 */
export interface LazyCommand {
  (): Promise<CommandDef>;
  summary: string;
  hidden: boolean;
}

// biome-ignore lint/suspicious/noExplicitAny: each command has its own args type; citty's SubCommandsDef does the same.
type AnyCommand = CommandDef<any>;

export function lazy(
  summary: string,
  load: () => Promise<{ default: AnyCommand }>,
  options: { hidden?: boolean } = {},
): LazyCommand {
  const resolve = async (): Promise<CommandDef> => (await load()).default as CommandDef;
  return Object.assign(resolve, { summary, hidden: options.hidden ?? false });
}

export function isLazyCommand(value: unknown): value is LazyCommand {
  return typeof value === "function" && typeof (value as Partial<LazyCommand>).summary === "string";
}
