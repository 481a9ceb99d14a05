/**
 * spec-kitty's git merge drivers, set up where the team works. Three parts, because git splits them:
 * - the rules (`.gitattributes`) are committed: a NEW file `kitty-specs/.gitattributes` (git honours it
 *   for everything under kitty-specs/), written with the mission files; an existing attributes file is
 *   never edited;
 * - the commands (`merge.<key>.driver`) live in each clone's own git config, which a clone never
 *   copies: `ensureDriverConfig` writes them the first time a command needs them (and `doctor --fix`);
 * - each command is `spec-kitty …` from PATH wrapped in a shell fallback, so a clone whose PATH lacks
 *   spec-kitty never silently keeps only its own side: an event log is then merged line by line
 *   (`git merge-file --union`, every event of both sides kept), status.json (derived from the log) is
 *   kept and rebuilt by the next command, and any other file gets git's conflict markers.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../fs/atomic.ts";
import { containedPath, resolveInside } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import { configSections, localConfigText } from "./local-config.ts";
import { type GitOptions, runGit } from "./run.ts";

type Fallback = "union" | "keep" | "markers";

export interface MergeDriver {
  /** The attribute value after `merge=`, and the git config section `merge.<key>`. */
  key: string;
  /** The hidden spec-kitty command git runs. */
  command: string;
  /** `merge.<key>.name`: what git shows for it. */
  name: string;
  fallback: Fallback;
}

/** The driver of `status.events.jsonl`. */
const EVENT_LOG: MergeDriver = {
  key: "spec-kitty-event-log",
  command: "merge-driver-event-log",
  name: "spec-kitty status event log union",
  fallback: "union",
};

/** The driver of `status.json`. */
const STATUS: MergeDriver = {
  key: "spec-kitty-status",
  command: "merge-driver-status",
  name: "spec-kitty status.json from the merged log",
  fallback: "keep",
};

export const EVENT_LOG_DRIVER = EVENT_LOG.key;
export const STATUS_DRIVER = STATUS.key;

/** Every driver spec-kitty ships: its own two, and the five spec-kitty 3.2.6's .gitattributes names. */
export const MERGE_DRIVERS: readonly MergeDriver[] = [
  EVENT_LOG,
  STATUS,
  {
    key: "spec-kitty-meta",
    command: "merge-driver-meta",
    name: "spec-kitty mission meta.json",
    fallback: "markers",
  },
  {
    key: "spec-kitty-traces",
    command: "merge-driver-traces",
    name: "spec-kitty traces",
    fallback: "markers",
  },
  {
    key: "spec-kitty-issue-matrix",
    command: "merge-driver-issue-matrix",
    name: "spec-kitty issue matrix",
    fallback: "markers",
  },
  {
    key: "spec-kitty-acceptance-matrix",
    command: "merge-driver-acceptance-matrix",
    name: "spec-kitty acceptance matrix",
    fallback: "markers",
  },
  {
    key: "spec-kitty-review-cycle",
    command: "merge-driver-review-cycle",
    name: "spec-kitty review cycle",
    fallback: "markers",
  },
];

const FALLBACK_STEP: Record<Fallback, string> = {
  union:
    "echo 'spec-kitty is not on PATH: event log merged line by line, both sides kept; run spec-kitty doctor once it is installed' >&2; git merge-file --union -q %A %O %B",
  keep: "echo 'spec-kitty is not on PATH: status.json kept from this side; spec-kitty rebuilds it from the merged log' >&2",
  markers:
    "echo 'spec-kitty is not on PATH: both sides kept with conflict markers; resolve them, then git add the file' >&2; git merge-file -q %A %O %B",
};

/**
 * The driver command for this clone's git config. Exit 127 is the shell's "command not found": only
 * then does the fallback run; a spec-kitty that ran and refused (a malformed line) fails the merge.
 */
export function driverCommandLine(driver: MergeDriver): string {
  return `spec-kitty ${driver.command} %O %A %B || { s=$?; [ $s -eq 127 ] || exit $s; ${FALLBACK_STEP[driver.fallback]}; }`;
}

/** A value spec-kitty itself wrote earlier (an absolute path to the binary, or the bare form). */
function writtenByUs(value: string, driver: MergeDriver): boolean {
  const plain = new RegExp(`^(?:'[^']*/)?(?:[^\\s']*/)?spec-kitty(?:\\.exe)?'? ${driver.command} %O %A %B$`);
  return plain.test(value.trim());
}

export interface DriverConfigState {
  driver: MergeDriver;
  /** The configured command, or null when this clone has none. */
  configured: string | null;
  /** `ok`: our current command; `outdated`: one we wrote before (replaced); `custom`: someone else's. */
  status: "ok" | "missing" | "outdated" | "custom";
}

/** What this clone's git config says about each driver (one `git config` call). */
export function readDriverConfig(root: string, options: GitOptions = {}): DriverConfigState[] {
  const out = runGit(
    root,
    ["config", "--local", "--get-regexp", "^merge\\.spec-kitty-[a-z-]+\\.driver$"],
    options,
  );
  const values = new Map<string, string>();
  if (out.code === 0) {
    for (const line of out.stdout.split("\n")) {
      const space = line.indexOf(" ");
      if (space === -1) continue;
      values.set(line.slice("merge.".length, space - ".driver".length), line.slice(space + 1));
    }
  }
  return MERGE_DRIVERS.map((driver) => {
    const configured = values.get(driver.key) ?? null;
    const status =
      configured === null
        ? "missing"
        : configured === driverCommandLine(driver)
          ? "ok"
          : writtenByUs(configured, driver)
            ? "outdated"
            : "custom";
    return { driver, configured, status };
  });
}

/**
 * Fast path: every command already in the config file as git writes it (quoted: it holds `;`), as the
 * last `driver` of its own `[merge "<key>"]` section. False whenever the file alone cannot tell.
 */
function driversInConfigFile(root: string, options: GitOptions): boolean {
  const text = localConfigText(root, options.env);
  if (text === null) return false;
  const drivers = new Map<string, string>();
  for (const section of configSections(text)) {
    const value = section.values.get("driver");
    if (section.name === "merge" && section.subsection !== null && value !== undefined)
      drivers.set(section.subsection, value);
  }
  return MERGE_DRIVERS.every((d) => drivers.get(d.key) === `"${driverCommandLine(d)}"`);
}

/**
 * Writes every missing (or outdated, ours) driver into this clone's git config; a command someone
 * configured by hand is left alone. Returns the keys written. Outside a repository it does nothing.
 */
export function ensureDriverConfig(root: string, options: GitOptions = {}): string[] {
  if (driversInConfigFile(root, options)) return [];
  const written: string[] = [];
  for (const state of readDriverConfig(root, options)) {
    if (state.status !== "missing" && state.status !== "outdated") continue;
    const { key, name } = state.driver;
    const set = runGit(
      root,
      ["config", "--local", `merge.${key}.driver`, driverCommandLine(state.driver)],
      options,
    );
    if (set.code !== 0) continue; // not a repository: nothing to configure
    runGit(root, ["config", "--local", `merge.${key}.name`, name], options);
    written.push(key);
  }
  return written;
}

/** The committed rules: `kitty-specs/.gitattributes`, a file of its own (git reads it for that tree). */
export const ATTRIBUTES_FILE = join("kitty-specs", ".gitattributes");

/** The rules the file holds, one per status file spec-kitty writes. */
export const STATUS_ATTRIBUTE_RULES = [
  `status.events.jsonl merge=${EVENT_LOG_DRIVER}`,
  `status.json merge=${STATUS_DRIVER}`,
] as const;

export function attributesFileText(): string {
  return [
    "# Written by spec-kitty: merge its status files with its drivers, never as text.",
    "# Each clone needs the driver commands in its own git config: run `spec-kitty doctor --fix` once.",
    ...STATUS_ATTRIBUTE_RULES,
    "",
  ].join("\n");
}

/** One line of an attributes file: its pattern and the last `merge=<key>` it sets (null: none). */
interface AttributeRule {
  pattern: string;
  merge: string | null;
}

/** The rules of an attributes file's text (comments and blank lines skipped). */
function parseAttributes(text: string): AttributeRule[] {
  const rules: AttributeRule[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const [pattern = "", ...attrs] = line.split(/\s+/);
    let merge: string | null = null;
    for (const attr of attrs) if (attr.startsWith("merge=")) merge = attr.slice("merge=".length);
    rules.push({ pattern, merge });
  }
  return rules;
}

/** The `merge=` key the last rule whose pattern matches `file` gives it (later rules win, as in git). */
function routeOf(rules: readonly AttributeRule[], file: RegExp): string | null {
  let route: string | null = null;
  for (const rule of rules) if (file.test(rule.pattern) && rule.merge !== null) route = rule.merge;
  return route;
}

export interface AttributeRoutes {
  /** The driver key each status file is merged with (later, deeper rules win, as in git). */
  events: string | null;
  snapshot: string | null;
  /** `kitty-specs/.gitattributes` exists. */
  fileExists: boolean;
  /** Rules missing from an existing `kitty-specs/.gitattributes` (which spec-kitty never edits). */
  missingRules: string[];
  /** Every `merge=` key either file names, for any path (doctor checks each of spec-kitty's is configured). */
  mergeKeys: string[];
}

/**
 * How the working tree's attribute files route the status files: the root `.gitattributes` (spec-kitty
 * 3.x writes `kitty-specs/**\/status.events.jsonl merge=…` there), then `kitty-specs/.gitattributes`.
 * Both are read only inside the project (a symlink out of it is refused).
 */
export function attributeRoutes(root: string): AttributeRoutes {
  const read = (rel: string) => {
    const path = containedPath(root, rel);
    return existsSync(path) ? readTextFile(path, rel) : null;
  };
  const top = parseAttributes(read(".gitattributes") ?? "");
  const subText = read(ATTRIBUTES_FILE);
  const sub = subText === null ? null : parseAttributes(subText);
  const topEvents = routeOf(top, /(^|\/)status\.events\.jsonl$/);
  const topSnapshot = routeOf(top, /(^|\/)status\.json$/);
  const subEvents = sub === null ? null : routeOf(sub, /^(\*\*\/)?status\.events\.jsonl$/);
  const subSnapshot = sub === null ? null : routeOf(sub, /^(\*\*\/)?status\.json$/);
  const missingRules =
    subText === null
      ? []
      : STATUS_ATTRIBUTE_RULES.filter((rule) => !subText.split("\n").some((line) => line.trim() === rule));
  const mergeKeys = new Set(
    [...top, ...(sub ?? [])].flatMap((rule) => (rule.merge === null ? [] : [rule.merge])),
  );
  return {
    events: subEvents ?? topEvents,
    snapshot: subSnapshot ?? topSnapshot,
    fileExists: subText !== null,
    missingRules,
    mergeKeys: [...mergeKeys],
  };
}

/**
 * Creates `kitty-specs/.gitattributes` when it does not exist (returns its project-relative path), so
 * the rules travel with the mission files in the same commit. An existing file is never touched: when
 * it lacks the rules, `attributeRoutes(root).missingRules` names the lines to add by hand.
 */
export function writeAttributesFile(root: string): string | null {
  if (!existsSync(join(root, "kitty-specs"))) return null;
  const path = resolveInside(root, ATTRIBUTES_FILE);
  if (existsSync(path)) return null;
  writeFileAtomic(path, attributesFileText());
  return ATTRIBUTES_FILE;
}
