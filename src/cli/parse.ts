import type { ArgDef, ArgsDef } from "citty";
import { UsageError } from "../core/errors.ts";
import { didYouMean } from "./suggest.ts";

export type ParsedValues = { _: string[] } & Record<string, string | boolean | string[] | undefined>;

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

interface FlagSpec {
  key: string;
  def: ArgDef;
  negated: boolean;
}

/**
 * Spellings a flag accepts without `--help` showing them (our extension of citty's ArgDef): names kept
 * for compatibility, such as spec-kitty 3.1's `--feature` for `--mission`.
 */
export function hiddenAliases(def: ArgDef): string[] {
  const hidden = (def as { hiddenAlias?: string | string[] }).hiddenAlias;
  return hidden === undefined ? [] : [hidden].flat();
}

/** Every spelling a flag accepts: its key, its kebab-case form, aliases, and `no-` for booleans. */
function flagTable(args: ArgsDef): Map<string, FlagSpec> {
  const table = new Map<string, FlagSpec>();
  for (const [key, def] of Object.entries(args)) {
    if (def.type === "positional") continue;
    const aliases = [
      ...("alias" in def && def.alias !== undefined ? [def.alias].flat() : []),
      ...hiddenAliases(def),
    ];
    for (const name of new Set([key, kebab(key), ...aliases])) {
      table.set(name, { key, def, negated: false });
      if (def.type === "boolean") table.set(`no-${name}`, { key, def, negated: true });
    }
  }
  return table;
}

/**
 * Strict argument parsing. citty's parser silently accepts unknown flags; ours rejects them (exit 2,
 * naming the flag), checks that string flags have values and enum flags valid ones, and refuses
 * surplus positionals, so a typo can never be mistaken for a default.
 */
export function parseStrict(argv: string[], args: ArgsDef, commandName: string): ParsedValues {
  const table = flagTable(args);
  const positionals = Object.entries(args).filter(([, def]) => def.type === "positional");
  const values: ParsedValues = { _: [] };
  let onlyPositionals = false;

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (onlyPositionals || token === "-" || !token.startsWith("-")) {
      values._.push(token);
      continue;
    }
    if (token === "--") {
      onlyPositionals = true;
      continue;
    }
    const body = token.replace(/^--?/, "");
    const eq = body.indexOf("=");
    const name = eq === -1 ? body : body.slice(0, eq);
    const inline = eq === -1 ? undefined : body.slice(eq + 1);
    const spec = table.get(name);
    if (!spec) {
      const flags = [
        ...new Set([...table.values()].filter((s) => !s.negated).map((s) => `--${kebab(s.key)}`)),
      ];
      const typed = token.split("=")[0] as string;
      throw new UsageError(
        `unknown option '${typed}' for '${commandName}'${didYouMean(typed, [...flags, "--help"])}`,
        `run 'spec-kitty ${commandName} --help' to see the options`,
      );
    }
    if (spec.def.type === "boolean") {
      if (inline !== undefined) {
        if (!/^(true|false)$/.test(inline)) throw new UsageError(`option '--${name}' takes no value`);
        values[spec.key] = (inline === "true") !== spec.negated;
      } else values[spec.key] = !spec.negated;
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("-") && next !== "-")) {
        throw new UsageError(`option '--${name}' needs a value`);
      }
      value = next;
      i++;
    }
    if (spec.def.type === "enum" && spec.def.options && !spec.def.options.includes(value)) {
      throw new UsageError(
        `option '--${name}' must be one of: ${spec.def.options.join(", ")} (got '${value}')`,
      );
    }
    values[spec.key] = value;
  }

  // A last positional whose valueHint ends in "..." takes every remaining argument, joined by spaces
  // (`mark-status T001 T002`); any other surplus argument is an error.
  const last = positionals[positionals.length - 1];
  const variadic =
    last !== undefined && "valueHint" in last[1] && Boolean(last[1].valueHint?.endsWith("..."));
  if (values._.length > positionals.length && !variadic) {
    const extra = values._[positionals.length];
    throw new UsageError(`unexpected argument '${extra}' for '${commandName}'`);
  }
  positionals.forEach(([key], index) => {
    const isLast = index === positionals.length - 1;
    const value = variadic && isLast ? values._.slice(index).join(" ") || undefined : values._[index];
    if (value !== undefined) values[key] = value;
  });
  for (const [key, def] of Object.entries(args)) {
    if (values[key] === undefined && def.default !== undefined) values[key] = def.default as string | boolean;
    if (def.required && values[key] === undefined) {
      throw new UsageError(
        def.type === "positional" ? `missing argument <${key}>` : `missing required option '--${kebab(key)}'`,
      );
    }
  }
  return values;
}
