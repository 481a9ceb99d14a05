/**
 * `agent config status|list`: per agent, which of its files are current, missing, outdated, edited by
 * the user or in the way, plus agents whose files are still there although they are not configured.
 * Read-only.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { AGENTS, type AgentSpec, findAgent } from "../agents.ts";
import { containedPath } from "../fs/safe-path.ts";
import { ownedFiles } from "../owned/plan.ts";
import { type FileReport, type FileState, inspectOwned } from "../owned/reconcile.ts";
import { loadAgentContext } from "./context.ts";

export type AgentHealth = "ok" | "missing" | "outdated" | "edited" | "conflict" | "orphaned";

export interface AgentFileStatus {
  path: string;
  state: FileState;
}

export interface AgentStatus {
  key: string;
  name: string;
  dir: string;
  configured: boolean;
  /** The worst problem among its files (`ok` when every file is current). */
  health: AgentHealth;
  files: AgentFileStatus[];
  counts: Record<FileState, number>;
}

export interface AgentConfigStatus {
  agents: AgentStatus[];
  /** Keys in config.yaml that name no agent this binary knows. */
  unknownConfigured: string[];
  /** Agents not configured and with no file in the project. */
  available: string[];
  manifestPresent: boolean;
}

const HEALTH_ORDER: AgentHealth[] = ["conflict", "missing", "outdated", "edited", "orphaned", "ok"];

function healthOf(states: readonly FileState[], configured: boolean): AgentHealth {
  const found = new Set<AgentHealth>();
  for (const state of states) {
    if (state === "untracked" || state === "edited_outdated") found.add("conflict");
    else if (state === "missing" || state === "new") found.add("missing");
    else if (state === "outdated") found.add("outdated");
    else if (state === "edited") found.add("edited");
    else if (state === "unwanted" || state === "unwanted_edited") found.add("orphaned");
  }
  if (!configured && states.length > 0) found.add("orphaned");
  return HEALTH_ORDER.find((h) => found.has(h)) ?? "ok";
}

/** `spec-kitty.*` entries in an agent's directory that no manifest entry or plan explains. */
function strayFiles(root: string, agent: AgentSpec, known: ReadonlySet<string>): string[] {
  const dir = containedPath(root, agent.dir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.startsWith("spec-kitty."))
    .map((name) => (agent.format === "skill" ? `${agent.dir}/${name}/SKILL.md` : `${agent.dir}/${name}`))
    .filter((path) => !known.has(path) && (agent.format !== "skill" || existsSync(join(root, path))));
}

const zero = (): Record<FileState, number> => ({
  current: 0,
  new: 0,
  missing: 0,
  outdated: 0,
  edited: 0,
  edited_outdated: 0,
  untracked: 0,
  unwanted: 0,
  unwanted_edited: 0,
  gone: 0,
});

export function agentConfigStatus(root: string, version: string): AgentConfigStatus {
  const context = loadAgentContext(root);
  const reports = inspectOwned(root, ownedFiles(context.configured, version), context.manifest);
  const byAgent = new Map<string, FileReport[]>();
  for (const report of reports) {
    const keys = new Set([...report.agents, ...(report.entry?.agents ?? [])]);
    for (const key of keys) byAgent.set(key, [...(byAgent.get(key) ?? []), report]);
  }
  const known = new Set(reports.map((r) => r.path));
  const agents: AgentStatus[] = [];
  const available: string[] = [];
  for (const agent of AGENTS) {
    const configured = context.configured.includes(agent.key);
    const files: AgentFileStatus[] = (byAgent.get(agent.key) ?? [])
      .filter((r) => r.state !== "gone")
      .map((r) => ({ path: r.path, state: r.state }));
    // Files of an unconfigured agent that no record explains: left over from another tool or version.
    if (!configured && files.length === 0) {
      for (const path of strayFiles(root, agent, known)) files.push({ path, state: "unwanted_edited" });
    }
    if (!configured && files.length === 0) {
      available.push(agent.key);
      continue;
    }
    const counts = zero();
    for (const file of files) counts[file.state]++;
    agents.push({
      key: agent.key,
      name: agent.name,
      dir: agent.dir,
      configured,
      health: healthOf(
        files.map((f) => f.state),
        configured,
      ),
      files,
      counts,
    });
  }
  return {
    agents,
    unknownConfigured: context.configured.filter((key) => !findAgent(key)),
    available,
    manifestPresent: context.manifest !== null,
  };
}
