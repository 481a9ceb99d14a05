/**
 * Shell completion over the command tree itself: subcommand names at every level, the flags of the
 * command reached, the options of enum flags, and the project's own names (missions, WPs, lanes,
 * agents) where a flag or argument takes one. Walks only the path typed so far, so it loads no more
 * command modules than running that command would.
 */
import type { ArgDef, ArgsDef, CommandDef } from "citty";
import { completionValues, type ValueKind } from "../core/completion/values.ts";
import { describe } from "./help.ts";
import { resolveValue } from "./resolve.ts";

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** Which of the project's names an argument takes, from its flag name or value hint. */
function valueKind(key: string, def: ArgDef): ValueKind | null {
  const hint = "valueHint" in def ? (def.valueHint ?? "") : "";
  if (key === "mission" || /^(mission|slug\|id)$/.test(hint)) return "mission";
  if (key === "wp" || key === "wp_id" || hint === "WP") return "wp";
  if (key === "to" || key === "lane") return "lane";
  if (key === "agent" || key === "ai" || hint === "KEY..." || hint === "agent" || hint === "keys")
    return "agent";
  if (key === "shell") return "shell";
  return null;
}

function flagFor(args: ArgsDef, token: string): [string, ArgDef] | null {
  const name = token.replace(/^--?/, "").split("=")[0] ?? "";
  for (const [key, def] of Object.entries(args)) {
    if (def.type === "positional") continue;
    const aliases = "alias" in def && def.alias !== undefined ? [def.alias].flat() : [];
    if ([key, kebab(key), ...aliases].includes(name)) return [key, def];
  }
  return null;
}

function valuesFor(key: string, def: ArgDef, cwd: string, mission: string | null): string[] {
  if (def.type === "enum" && def.options) return [...def.options];
  const kind = valueKind(key, def);
  return kind ? completionValues(kind, cwd, { mission }) : [];
}

/**
 * Candidates for the last of `words` (the words after `spec-kitty`, the last one being completed,
 * possibly empty). A comma-separated value (`--ai claude,co`) completes its last item.
 */
export async function complete(root: CommandDef, words: readonly string[], cwd: string): Promise<string[]> {
  const current = words[words.length - 1] ?? "";
  const before = words.slice(0, -1);
  let cmd = root;
  let i = 0;
  // Descend through subcommands while the words name them.
  for (; i < before.length; i++) {
    const subs = await resolveValue(cmd.subCommands);
    const word = before[i] as string;
    if (!subs || word.startsWith("-") || !Object.hasOwn(subs, word)) break;
    cmd = (await resolveValue(subs[word])) as CommandDef;
  }
  const subs = (await resolveValue(cmd.subCommands)) ?? {};
  const args: ArgsDef = (await resolveValue(cmd.args)) ?? {};
  const rest = before.slice(i);
  const missionAt = rest.indexOf("--mission");
  const mission = missionAt === -1 ? null : (rest[missionAt + 1] ?? null);
  const prefixed = (candidates: string[], prefix = "") =>
    candidates.filter((c) => c.startsWith(current.slice(prefix.length))).map((c) => `${prefix}${c}`);

  // The value of the flag just before the cursor.
  const previous = rest[rest.length - 1];
  if (previous?.startsWith("-") && !previous.includes("=")) {
    const flag = flagFor(args, previous);
    if (flag && flag[1].type !== "boolean") {
      const prefix = current.includes(",") ? current.slice(0, current.lastIndexOf(",") + 1) : "";
      return prefixed(valuesFor(flag[0], flag[1], cwd, mission), prefix);
    }
  }
  if (current.startsWith("-")) {
    const flags = Object.entries(args)
      .filter(([, def]) => def.type !== "positional")
      .map(([key]) => `--${kebab(key)}`);
    return prefixed([...flags, "--help"]);
  }
  if (rest.length === 0 && Object.keys(subs).length > 0) {
    const names: string[] = [];
    for (const [name, sub] of Object.entries(subs))
      if (!(await describe(sub as never)).hidden) names.push(name);
    return prefixed(names);
  }
  // A positional: which one is being typed (flags and their values do not count).
  const positionals = Object.entries(args).filter(([, def]) => def.type === "positional");
  let index = 0;
  for (let j = 0; j < rest.length; j++) {
    const word = rest[j] as string;
    if (word.startsWith("-")) {
      const flag = flagFor(args, word);
      if (flag && flag[1].type !== "boolean" && !word.includes("=")) j++;
      continue;
    }
    index++;
  }
  const last = positionals[positionals.length - 1];
  const variadic =
    last !== undefined && "valueHint" in last[1] && Boolean(last[1].valueHint?.endsWith("..."));
  const target = positionals[index] ?? (variadic ? last : undefined);
  return target ? prefixed(valuesFor(target[0], target[1], cwd, mission)) : [];
}
