/** Missing or outdated agent command files (edited ones are the user's and fine). */
import { agentConfigStatus } from "../agent-config/status.ts";
import { isSpecKittyError } from "../errors.ts";
import type { DoctorContext, Finding } from "./types.ts";

export function checkAgentFiles(ctx: DoctorContext): Finding[] {
  let status: ReturnType<typeof agentConfigStatus>;
  try {
    status = agentConfigStatus(ctx.root, ctx.version);
  } catch (error) {
    if (isSpecKittyError(error)) return []; // config or manifest broken: checkProjectFiles names it
    throw error;
  }
  const findings: Finding[] = [];
  for (const key of status.unknownConfigured) {
    findings.push({
      check: "agent_files",
      severity: "warning",
      message: `config.yaml lists '${key}', an agent this spec-kitty does not know`,
      subject: ".kittify/config.yaml",
      fix: `spec-kitty agent config remove ${key}`,
    });
  }
  for (const agent of status.agents) {
    const missing = agent.files.filter((f) => f.state === "missing" || f.state === "new");
    const outdated = agent.files.filter((f) => f.state === "outdated");
    const blocked = agent.files.filter((f) => f.state === "untracked" || f.state === "edited_outdated");
    if (agent.configured && (missing.length || outdated.length)) {
      findings.push({
        check: "agent_files",
        severity: "warning",
        message: `${agent.key}: ${[missing.length ? `${missing.length} missing` : "", outdated.length ? `${outdated.length} outdated` : ""].filter(Boolean).join(", ")} command file(s)`,
        subject: agent.dir,
        fix: "spec-kitty agent config sync",
        autoFix: "sync_agent_files",
      });
    }
    if (agent.configured && blocked.length) {
      findings.push({
        check: "agent_files",
        severity: "warning",
        message: `${agent.key}: ${blocked.length} command file(s) differ from what spec-kitty would write and are not recorded as yours (e.g. ${blocked[0]?.path})`,
        subject: agent.dir,
        fix: "spec-kitty upgrade --dry-run",
      });
    }
    if (!agent.configured) {
      findings.push({
        check: "agent_files",
        severity: "info",
        message: `${agent.key} is not configured but ${agent.files.length} of its command file(s) are in ${agent.dir}/`,
        subject: agent.dir,
        fix: `spec-kitty agent config add ${agent.key}`,
      });
    }
  }
  return findings;
}
