import type { ArgsDef, CommandDef, CommandMeta, Resolvable } from "citty";
import { isLazyCommand } from "./lazy.ts";
import { style } from "./output.ts";
import { resolveValue } from "./resolve.ts";

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function table(rows: [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`.trimEnd());
}

/** A subcommand's summary line and visibility, without loading it when it is a `lazy()` command. */
export async function describe(sub: Resolvable<CommandDef>): Promise<{ summary: string; hidden: boolean }> {
  if (isLazyCommand(sub)) return { summary: sub.summary, hidden: sub.hidden };
  const meta: CommandMeta = (await resolveValue((await resolveValue(sub))?.meta)) ?? {};
  return { summary: (meta.description ?? "").split("\n")[0] ?? "", hidden: Boolean(meta.hidden) };
}

/**
 * Help for one command. The first line of `meta.description` is the summary used in group listings;
 * the rest is the long text shown only here.
 */
export async function renderHelp(cmd: CommandDef, path: string[]): Promise<string> {
  const meta: CommandMeta = (await resolveValue(cmd.meta)) ?? {};
  const args: ArgsDef = (await resolveValue(cmd.args)) ?? {};
  const subs = (await resolveValue(cmd.subCommands)) ?? {};
  const name = ["spec-kitty", ...path].join(" ");
  const [summary = "", ...rest] = (meta.description ?? "").split("\n");
  const lines: string[] = [`${style.bold(name)}${summary ? ` — ${summary}` : ""}`, ""];

  const positionals = Object.entries(args).filter(([, def]) => def.type === "positional");
  const usage = positionals.map(([key, def]) => (def.required ? `<${key}>` : `[${key}]`));
  const hasSubs = Object.keys(subs).length > 0;
  lines.push(
    `Usage: ${name}${hasSubs ? " <command>" : ""}${usage.length ? ` ${usage.join(" ")}` : ""} [options]`,
  );
  const long = rest.join("\n").trim();
  if (long) lines.push("", long);

  if (positionals.length) {
    lines.push("", style.bold("Arguments:"));
    lines.push(...table(positionals.map(([key, def]) => [key, def.description ?? ""])));
  }
  const options: [string, string][] = [];
  for (const [key, def] of Object.entries(args)) {
    if (def.type === "positional") continue;
    const aliases =
      "alias" in def && def.alias ? [def.alias].flat().map((a) => (a.length === 1 ? `-${a}` : `--${a}`)) : [];
    const hint =
      def.type === "boolean" ? "" : ` <${"valueHint" in def && def.valueHint ? def.valueHint : key}>`;
    let text = def.description ?? "";
    if (def.type === "enum" && def.options) text += ` (${def.options.join("|")})`;
    if (def.default !== undefined && def.type !== "boolean") text += ` [default: ${def.default}]`;
    options.push([[`--${kebab(key)}${hint}`, ...aliases].join(", "), text]);
  }
  options.push(["-h, --help", "Show this help"]);
  if (path.length === 0) options.push(["-V, -v, --version", "Print the version"]);
  lines.push("", style.bold("Options:"), ...table(options));

  if (hasSubs) {
    const rows: [string, string][] = [];
    for (const [subName, sub] of Object.entries(subs)) {
      const { summary, hidden } = await describe(sub);
      if (!hidden) rows.push([subName, summary]);
    }
    lines.push("", style.bold("Commands:"), ...table(rows));
    lines.push("", `Run '${name} <command> --help' for a command's options.`);
  }
  return `${lines.join("\n")}\n`;
}
