/**
 * `agent config add|remove|sync`: change which agents the project uses and bring their files in line,
 * through the manifest. Each operation plans every change first (files, manifest, config.yaml), then
 * applies them together or not at all. Files the user edited are never lost: they are kept, merged
 * or (only with --force) replaced after a backup.
 */
import { AGENTS } from "../agents.ts";
import { CONFIG_FILE } from "../config.ts";
import { withAgents } from "../config-edit.ts";
import { SpecKittyError } from "../errors.ts";
import { applyChanges, backupDirFor, type FileChange } from "../fs/changeset.ts";
import { ownedChanges } from "../owned/changes.ts";
import { ownedFiles } from "../owned/plan.ts";
import type { FileAction, FileReport, Policy } from "../owned/reconcile.ts";
import { type AgentContext, checkAgentKeys, loadWritableContext } from "./context.ts";

export interface AgentConfigOptions {
  version: string;
  force: boolean;
  dryRun: boolean;
  now?: Date;
}

export interface AgentConfigResult {
  /** `agents.available` after the operation. */
  agents: string[];
  /** Keys this operation added or removed (empty for sync, or when nothing changed). */
  changed: string[];
  /** Keys named that needed no change (already configured / not configured). */
  unchanged: string[];
  /** One entry per file the operation looked at, including the ones it kept as they are. */
  actions: FileAction[];
  configChanged: boolean;
  backups: string[];
  dryRun: boolean;
}

const touches = (keys: ReadonlySet<string>) => (report: FileReport) =>
  [...report.agents, ...(report.entry?.agents ?? []), ...(report.planned?.agents ?? [])].some((key) =>
    keys.has(key),
  );

/** Keeps the table's order, so config.yaml lists agents the way init would. */
const inTableOrder = (keys: readonly string[]) => {
  const known = AGENTS.map((agent) => agent.key).filter((key) => keys.includes(key));
  return [...known, ...keys.filter((key) => !known.includes(key))];
};

interface Planned {
  result: AgentConfigResult;
  changes: FileChange[];
}

function plan(
  context: AgentContext,
  agents: string[],
  policy: Policy,
  scope: ((report: FileReport) => boolean) | undefined,
  options: AgentConfigOptions,
  meta: { changed: string[]; unchanged: string[] },
): Planned {
  const planned = ownedFiles(agents, options.version);
  const owned = ownedChanges(context.root, planned, context.manifest, policy, options.version, scope);
  const changes: FileChange[] = [...owned.changes];
  const configChanged = agents.join() !== context.configured.join();
  if (configChanged) changes.unshift({ path: CONFIG_FILE, content: withAgents(context.configText, agents) });
  const result = {
    agents,
    ...meta,
    actions: owned.actions,
    configChanged,
    backups: [],
    dryRun: options.dryRun,
  };
  return { result, changes };
}

/** Writes a plan (unless it is a dry run): all its files land together or none does. */
function apply(context: AgentContext, planned: Planned, options: AgentConfigOptions): AgentConfigResult {
  if (options.dryRun || planned.changes.length === 0) return planned.result;
  const backupDir = backupDirFor(options.now ?? new Date());
  const { backups } = applyChanges(context.root, planned.changes, { backupDir, pruneEmptyDirs: true });
  return { ...planned.result, backups };
}

const ADD_POLICY: Policy = {
  restoreMissing: true,
  force: false,
  mergeEdited: true,
  replaceGenerated: false,
  removeUnwanted: false,
};

/** Adds agents: config.yaml lists them, and their command files are written. */
export function addAgents(
  root: string,
  keys: readonly string[],
  options: AgentConfigOptions,
): AgentConfigResult {
  const wanted = checkAgentKeys(keys);
  const context = loadWritableContext(root, options.version);
  const added = wanted.filter((key) => !context.configured.includes(key));
  const agents = inTableOrder([...context.configured, ...added]);
  const policy = { ...ADD_POLICY, force: options.force };
  const planned = plan(context, agents, policy, touches(new Set(wanted)), options, {
    changed: added,
    unchanged: wanted.filter((key) => !added.includes(key)),
  });
  // Someone else's file where ours must go: refuse as a whole, before anything is written.
  const blocked = planned.result.actions.filter((a) => a.kind === "keep" && a.state === "untracked");
  if (blocked.length > 0) {
    throw new SpecKittyError(
      "AGENT_FILE_CONFLICT",
      `files spec-kitty did not write are in the way: ${blocked.map((a) => a.path).join(", ")}`,
      {
        fix: "move them aside, or pass --force to replace them (their bytes are kept in .kittify/backups/)",
        details: { files: blocked.map((a) => a.path) },
      },
    );
  }
  return apply(context, planned, options);
}

/** Removes agents: config.yaml drops them; their unedited files go, edited ones stay (and are named). */
export function removeAgents(
  root: string,
  keys: readonly string[],
  options: AgentConfigOptions,
): AgentConfigResult {
  const wanted = checkAgentKeys(keys);
  const context = loadWritableContext(root, options.version);
  const missing = wanted.filter((key) => !context.configured.includes(key));
  const recorded = new Set(context.manifest?.files.flatMap((entry) => entry.agents) ?? []);
  const strangers = missing.filter((key) => !recorded.has(key));
  if (strangers.length === wanted.length) {
    throw new SpecKittyError(
      "AGENT_NOT_CONFIGURED",
      `not configured in this project: ${strangers.join(", ")}`,
      {
        fix: `configured agents: ${context.configured.join(", ") || "none"}`,
        details: { requested: wanted, configured: context.configured },
      },
    );
  }
  const agents = context.configured.filter((key) => !wanted.includes(key));
  const policy: Policy = { ...ADD_POLICY, restoreMissing: false, removeUnwanted: true };
  const planned = plan(context, agents, policy, touches(new Set(wanted)), options, {
    changed: wanted.filter((key) => context.configured.includes(key)),
    unchanged: missing,
  });
  return apply(context, planned, options);
}

/**
 * Brings every configured agent's files in line: missing ones restored, outdated unedited ones
 * updated, files of agents no longer configured removed when unedited. Edited files are replaced
 * only with --force, after a backup.
 */
export function syncAgents(root: string, options: AgentConfigOptions): AgentConfigResult {
  const context = loadWritableContext(root, options.version);
  const policy: Policy = {
    restoreMissing: true,
    force: options.force,
    mergeEdited: false,
    replaceGenerated: false,
    removeUnwanted: true,
  };
  const planned = plan(context, context.configured, policy, undefined, options, {
    changed: [],
    unchanged: [],
  });
  return apply(context, planned, options);
}
