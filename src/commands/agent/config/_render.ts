/** Rendering shared by `agent config add|remove|sync`: one document, one way. */
import { printJson, say, style } from "../../../cli/output.ts";
import type { AgentConfigResult } from "../../../core/agent-config/ops.ts";

export function resultJson(command: string, result: AgentConfigResult): Record<string, unknown> {
  const files = result.actions.map((a) => ({
    path: a.path,
    state: a.state,
    action: a.kind,
    agents: a.agents,
    detail: a.why,
  }));
  return {
    result: result.dryRun ? "dry_run" : "success",
    command: `agent config ${command}`,
    agents: result.agents,
    changed: result.changed,
    unchanged: result.unchanged,
    config_changed: result.configChanged,
    written: files.filter((f) => f.action === "write").map((f) => f.path),
    deleted: files.filter((f) => f.action === "delete").map((f) => f.path),
    kept: files
      .filter((f) => (f.action === "keep" && f.state !== "current") || f.state === "unwanted_edited")
      .map((f) => ({ path: f.path, reason: f.detail })),
    backups: result.backups,
    files,
  };
}

export function renderResult(command: string, result: AgentConfigResult, json: boolean): void {
  if (json) {
    printJson(resultJson(command, result));
    return;
  }
  const verb = result.dryRun ? "would" : "";
  const lines: string[] = [];
  for (const action of result.actions) {
    if (action.kind === "keep" && action.state === "current") continue;
    if (action.kind === "record" && action.state !== "unwanted_edited") continue;
    const mark =
      action.kind === "delete"
        ? style.red("-")
        : action.kind !== "write"
          ? style.yellow("=")
          : action.backup
            ? style.yellow("!")
            : action.state === "new" || action.state === "missing"
              ? style.green("+")
              : style.cyan("~");
    lines.push(`  ${mark} ${action.path}  ${style.dim(verb ? `(${verb} be ${action.why})` : action.why)}`);
  }
  const head = result.changed.length
    ? `${command === "add" ? "Added" : "Removed"}: ${result.changed.join(", ")}`
    : "";
  if (head) say(result.dryRun ? `Dry run. ${head} (nothing written)` : head);
  if (result.unchanged.length) {
    say(`${command === "add" ? "Already configured" : "Not configured"}: ${result.unchanged.join(", ")}`);
  }
  if (lines.length) say(...lines);
  else say(result.dryRun ? "Nothing would change." : "Nothing to change: every file is up to date.");
  if (result.backups.length) say(`Backups of replaced files: ${result.backups.join(", ")}`);
  say(`Agents: ${result.agents.join(", ") || "none"}`);
}
