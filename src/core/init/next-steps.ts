import { type AgentSpec, invocation } from "../agents.ts";

/**
 * What to do after init, ending with the canonical loop. The per-decision verbs are
 * `agent action implement|review`; the top-level implement command is internal and never taught.
 */
export function nextSteps(agents: readonly AgentSpec[], cdInto: string | undefined): string[] {
  const agent = agents[0]?.key ?? "<agent>";
  const others = agents.slice(1).map((a) => a.key);
  const steps: string[] = [];
  if (cdInto) steps.push(`cd ${/^[\w./-]+$/.test(cdInto) ? cdInto : JSON.stringify(cdInto)}`);
  const first = agents[0];
  const cmd = (name: string) => (first ? invocation(first, name) : `/spec-kitty.${name}`);
  steps.push(
    `Open the project in your agent and run ${cmd("specify")} to start a mission (then ${cmd("plan")} and ${cmd("tasks")})`,
    `Run the mission loop: spec-kitty next --agent ${agent} --mission <slug>${others.length ? ` (or --agent ${others.join(", ")})` : ""}`,
    `Per work package, the loop hands out: spec-kitty agent action implement <WP> --agent ${agent} and spec-kitty agent action review <WP> --agent ${agent}`,
  );
  return steps;
}
