import { type AgentSpec, findAgent } from "../agents.ts";
import { SpecKittyError } from "../errors.ts";
import { type Environment, planFiles } from "./files.ts";
import { insideGitRepository, nextSteps } from "./next-steps.ts";
import { inspectTarget } from "./target.ts";
import { checkDestinations, writeProject } from "./write.ts";

export interface InitRequest {
  cwd: string;
  /** The NAME argument as typed; undefined or `.` means the current directory. */
  name: string | undefined;
  /** Agents from `--ai`, or undefined when the flag was not given. */
  agents: AgentSpec[] | undefined;
  /** Asks the user to choose agents; absent in non-interactive mode. */
  pick?: () => Promise<AgentSpec[]>;
  dryRun: boolean;
  version: string;
  env?: Partial<Environment>;
}

export interface InitResult {
  result: "initialized" | "dry_run" | "already_initialized";
  projectPath: string;
  agents: string[];
  /** Project-relative paths created (or, for a dry run, that would be). */
  files: string[];
  nextSteps: string[];
  /** Whether the project directory is inside a git work tree (init itself never runs git). */
  inGitRepository?: boolean;
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((key) => b.includes(key));

/** A project that already has `.kittify/config.yaml`: fine with the same agents, an error otherwise. */
async function rerun(
  path: string,
  requested: AgentSpec[] | undefined,
  cdInto: string | undefined,
): Promise<InitResult> {
  // Loaded only here: the YAML and schema libraries are not needed to create a fresh project.
  const { readProjectConfig } = await import("../config.ts");
  const existing = readProjectConfig(path)?.agents.available ?? [];
  const wanted = requested?.map((agent) => agent.key);
  if (wanted && !sameSet(wanted, existing)) {
    const add = wanted.filter((key) => !existing.includes(key));
    const remove = existing.filter((key) => !wanted.includes(key));
    const steps = [
      add.length ? `spec-kitty agent config add ${add.join(",")}` : "",
      remove.length ? `spec-kitty agent config remove ${remove.join(",")}` : "",
    ].filter(Boolean);
    throw new SpecKittyError(
      "INIT_AGENT_MISMATCH",
      `${path} is already initialized for agents [${existing.join(", ")}], not [${wanted.join(", ")}]; init never merges agent sets`,
      {
        fix: `change the agents with ${steps.join(" and ")}${cdInto ? ` (inside ${cdInto})` : ""}`,
        details: { existing, requested: wanted },
      },
    );
  }
  const known = existing.map(findAgent).filter((agent): agent is AgentSpec => agent !== undefined);
  return {
    result: "already_initialized",
    projectPath: path,
    agents: existing,
    files: [],
    nextSteps: nextSteps(known, cdInto),
  };
}

/**
 * `spec-kitty init`: plans the project's files, checks every destination, then writes them all or
 * none. Never runs git, never writes outside the target directory.
 */
export async function initProject(request: InitRequest): Promise<InitResult> {
  const target = inspectTarget(request.cwd, request.name);
  const cdInto = target.named ? request.name : undefined;
  if (target.initialized) return rerun(target.path, request.agents, cdInto);

  let agents = request.agents;
  if (!agents) {
    if (!request.pick) {
      throw new SpecKittyError("INIT_AGENTS_REQUIRED", "--ai is required in non-interactive mode", {
        fix: "pass the agents to set up, e.g. --ai codex or --ai claude,codex",
      });
    }
    agents = await request.pick();
    if (agents.length === 0) throw new SpecKittyError("INIT_NO_AGENTS", "no agent selected");
  }

  const env: Environment = {
    platform: request.env?.platform ?? process.platform,
    arch: request.env?.arch ?? process.arch,
    now: request.env?.now ?? new Date(),
  };
  const files = planFiles(agents, request.version, env);
  if (request.dryRun) {
    if (target.exists) checkDestinations(target.path, files);
  } else {
    writeProject(target.path, files);
  }
  return {
    result: request.dryRun ? "dry_run" : "initialized",
    projectPath: target.path,
    agents: agents.map((agent) => agent.key),
    files: files.map((file) => file.path),
    nextSteps: nextSteps(agents, cdInto, {
      inRepository: insideGitRepository(target.path),
      files: files.map((file) => file.path),
    }),
    inGitRepository: insideGitRepository(target.path),
  };
}
