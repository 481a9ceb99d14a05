/**
 * The files spec-kitty owns in a project, as a pure function of the configured agents and this
 * binary's version: the mission templates every project gets, plus each agent's command files. init,
 * `agent config`, doctor and upgrade all compare the disk against this one plan.
 */
import { COMMAND_TEMPLATES, MISSION_TEMPLATES } from "../../templates/index.ts";
import { AGENTS, type AgentSpec, agentsSharing, findAgent } from "../agents.ts";
import { renderCommand } from "./render.ts";

export interface OwnedFile {
  /** Project-relative path with `/` separators. */
  path: string;
  content: string;
  /** Agent keys this file serves, in table order; empty for the mission templates. */
  agents: string[];
}

export const TEMPLATES_DIR = ".kittify/templates";

/** `.kittify/templates/<file>`: what `agent mission create` and `setup-plan` start new files from. */
export function missionTemplateFiles(): OwnedFile[] {
  return MISSION_TEMPLATES.map(([file, text]) => ({
    path: `${TEMPLATES_DIR}/${file}`,
    content: text,
    agents: [],
  }));
}

/**
 * One agent's command files, in workflow order. `configured` are all the project's agents: a skill
 * file in a root other configured agents read too is rendered once for all of them.
 */
export function agentCommandFiles(
  agent: AgentSpec,
  configured: readonly string[],
  version: string,
): OwnedFile[] {
  const sharing = agentsSharing(agent.dir, [...new Set([...configured, agent.key])]);
  return COMMAND_TEMPLATES.map(([name, text]) => ({
    ...renderCommand(sharing, name, text, version),
    agents: sharing.map((a) => a.key),
  }));
}

/** Every owned file for the project's agents (unknown keys are ignored here; callers validate them). */
export function ownedFiles(agentKeys: readonly string[], version: string): OwnedFile[] {
  const known = AGENTS.filter((agent) => agentKeys.includes(agent.key));
  const byPath = new Map<string, OwnedFile>();
  for (const file of missionTemplateFiles()) byPath.set(file.path, file);
  for (const agent of known) {
    for (const file of agentCommandFiles(agent, agentKeys, version)) byPath.set(file.path, file);
  }
  return [...byPath.values()];
}

/** Keys of `keys` that name no agent in the table. */
export function unknownAgentKeys(keys: readonly string[]): string[] {
  return keys.filter((key) => !findAgent(key));
}

/**
 * Whether spec-kitty could have written `path`: a mission template, or a `spec-kitty.*` command file
 * (or skill folder) directly in an agent's directory. Anything else in a manifest is refused.
 */
export function isOwnablePath(path: string): boolean {
  if (path.split("/").some((part) => part === ".." || part === "." || part === "") || path.includes("\\"))
    return false;
  if (path.startsWith(`${TEMPLATES_DIR}/`) && !path.slice(TEMPLATES_DIR.length + 1).includes("/"))
    return true;
  return AGENTS.some((agent) => {
    if (!path.startsWith(`${agent.dir}/spec-kitty.`)) return false;
    const rest = path.slice(agent.dir.length + 1);
    return agent.format === "skill"
      ? /^spec-kitty\.[a-z][a-z-]*\/SKILL\.md$/.test(rest)
      : !rest.includes("/");
  });
}
