/**
 * `--agent`: the actor of the loop commands, a free-form name (a person, a role, a bot: `bob`,
 * `reviewer`, `ci`, or an agent tool such as `claude`). It becomes the `actor` of status events and is
 * printed inside commands, so it is checked for safety: one word of at most 64 characters, no path
 * separators, no spaces or control characters. Names spec-kitty itself writes as actors are refused.
 *
 * The agent *tool* (which slash-command set a project has) is a separate notion: a name that IS a
 * tool key (`gemini`) while the project configures other tools only, or one a typo away from a tool
 * key (`claud`), is refused unless forced; it is almost always a mistake.
 *
 * When `--agent` is omitted, the loop's agent (`next`, `agent action …`) is the project's only
 * configured agent tool; with none or several, those commands ask for one (`resolveAgent`). Commands
 * that only record who acted (`move-task`, `add-history`, `accept`) fall back further, to the person
 * (`defaultActor`). Commands pass the flag's raw value; the core checks it with these functions.
 */
import { AGENT_KEYS } from "./agents.ts";
import { readProjectConfig } from "./config.ts";
import { SpecKittyError } from "./errors.ts";
import { gitPerson } from "./git/identity.ts";
import type { Env } from "./home.ts";

const ACTOR = /^[A-Za-z0-9][A-Za-z0-9._@+:-]{0,63}$/;

/** Actors spec-kitty writes itself; a person taking one of these names would be mistaken for it. */
const RESERVED = new Set(["user", "implement-command", "finalize-tasks", "merge", "recovery", "unknown"]);

/** Whether `a` and `b` differ by exactly one insertion, deletion, substitution or adjacent swap. */
function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}

/** The agent tools `.kittify/config.yaml` lists (`agents.available`); empty without a config. */
export function configuredAgents(root: string): string[] {
  return readProjectConfig(root)?.agents.available ?? [];
}

/** The loop's agent when none is named: the project's only configured agent tool, else null. */
export function defaultAgent(root: string): string | null {
  const configured = configuredAgents(root);
  return configured.length === 1 ? (configured[0] as string) : null;
}

export interface AgentRules {
  /** Project root: which agent tools are configured. */
  root: string;
  /** Accept a tool key the project does not configure (or a near miss of one). */
  force?: boolean;
}

/** The flag an actor came from, for messages: the loop's `--agent`, or `--actor` (emit, accept). */
export type ActorFlag = "--agent" | "--actor";

/** Whether `name` (trimmed) is an actor a person may take: safe, and not one spec-kitty writes. */
function usableActor(name: string): boolean {
  return ACTOR.test(name) && !RESERVED.has(name.toLowerCase());
}

/** The safety half of the check (no project needed): returns the name trimmed. */
export function checkActorName(value: string, flag: ActorFlag = "--agent"): string {
  const name = value.trim();
  if (!ACTOR.test(name)) {
    throw new SpecKittyError("INVALID_ACTOR", `${flag} '${value}' is not a usable name`, {
      exitCode: 2,
      fix: `use one word of letters, digits and . _ @ + : - (at most 64 characters), e.g. \`${flag} bob\` or \`${flag} claude\``,
      details: { agent: value },
    });
  }
  if (RESERVED.has(name.toLowerCase())) {
    throw new SpecKittyError("INVALID_ACTOR", `${flag} '${name}' is a name spec-kitty writes itself`, {
      exitCode: 2,
      fix: `pick your own name (\`${flag} <your-name>\`) or the agent tool's (\`${flag} claude\`)`,
      details: { agent: name },
    });
  }
  return name;
}

/** Checks one `--agent` value (safety, then the agent-tool rule); returns it trimmed. */
export function checkActor(value: string, rules: AgentRules): string {
  const name = checkActorName(value);
  if (rules.force) return name;
  const configured = configuredAgents(rules.root);
  if (configured.length === 0 || configured.includes(name)) return name;
  const key = name.toLowerCase();
  if (AGENT_KEYS.includes(key)) {
    throw new SpecKittyError(
      "AGENT_TOOL_NOT_CONFIGURED",
      `'${name}' is an agent tool this project is not set up for (configured: ${configured.join(", ")})`,
      {
        exitCode: 2,
        fix: `add it with \`spec-kitty agent config add ${key}\`, use one of ${configured.join(", ")}, or name yourself (\`--agent <your-name>\`)`,
        details: { agent: name, configured },
      },
    );
  }
  const near = AGENT_KEYS.find((k) => k.length >= 4 && key.length >= 4 && oneEditApart(key, k));
  if (near) {
    throw new SpecKittyError("AGENT_TOOL_NOT_CONFIGURED", `--agent '${name}': did you mean '${near}'?`, {
      exitCode: 2,
      fix: `use \`--agent ${configured.includes(near) ? near : (configured[0] as string)}\`, or a name that is not one letter away from an agent tool`,
      details: { agent: name, configured, suggestion: near },
    });
  }
  return name;
}

/**
 * The actor of a loop command: `--agent` checked, else the project's default agent; null when there
 * is neither and `required` is false, AGENT_REQUIRED (exit 2) when it is true.
 */
export function resolveAgent(value: string | undefined, rules: AgentRules & { required: true }): string;
export function resolveAgent(
  value: string | undefined,
  rules: AgentRules & { required: boolean },
): string | null;
export function resolveAgent(
  value: string | undefined,
  rules: AgentRules & { required: boolean },
): string | null {
  if (value !== undefined && value.trim() !== "") return checkActor(value, rules);
  const fallback = defaultAgent(rules.root);
  if (fallback || !rules.required) return fallback;
  const configured = configuredAgents(rules.root);
  throw new SpecKittyError("AGENT_REQUIRED", "--agent is required here", {
    exitCode: 2,
    fix: configured.length
      ? `pass --agent <name>: your name (\`--agent bob\`, \`--agent reviewer\`) or an agent tool (${configured.join(", ")})`
      : "pass --agent <name>: your name (`--agent bob`, `--agent reviewer`) or the agent tool you run",
  });
}

/**
 * Who acts when no actor is named, in one order for every command that records one (`move-task`,
 * `add-history` for a WP that names no agent, `accept`):
 *   1. the project's only configured agent tool (`agents.available` with one entry);
 *   2. else the person: git's e-mail (`GIT_AUTHOR_EMAIL`, else `user.email`), when it is a usable
 *      actor name (an e-mail with `/`, `'` or 65+ characters is not);
 *   3. else AGENT_REQUIRED (exit 2), naming the flag to pass.
 * `accept` asks with `personFirst`: 2 before 1. Without `env` git is not asked (no person).
 * There is no invented last resort: the actor is recorded for good (event log, WP file, meta.json) as
 * who did it. `user` is spec-kitty's own "nobody named" marker (reserved, and read as unattributed by
 * the claim rules), and `$USER` names a login (often `root`), not someone another clone can tell apart.
 */
export function defaultActor(
  root: string,
  env: Env | undefined,
  flag: ActorFlag = "--agent",
  /** The person before the agent tool: an acceptance is a person's sign-off, whoever did the work. */
  personFirst = false,
): string {
  const person = env ? gitPerson(root, { env }) : null;
  const usablePerson = person && usableActor(person) ? person : null;
  const agent = defaultAgent(root);
  const first = personFirst ? (usablePerson ?? agent) : (agent ?? usablePerson);
  if (first) return first;
  throw new SpecKittyError("AGENT_REQUIRED", `${flag} is required here: no actor to default to`, {
    exitCode: 2,
    fix: person
      ? `your git e-mail '${person}' is not usable as an actor name: pass ${flag} <your-name>`
      : `pass ${flag} <your-name>, or set your git identity (\`git config user.email you@example.com\`); without ${flag} the actor is the project's only agent tool, else your git e-mail`,
    details: { flag, person },
  });
}
