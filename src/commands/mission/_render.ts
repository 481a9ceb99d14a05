/** One way to print a mission summary, shared by `mission list|current|info`. */
import { style } from "../../cli/output.ts";
import type { MissionSummary } from "../../core/views/mission-summary.ts";

export function summaryJson(s: MissionSummary): Record<string, unknown> {
  return {
    mission_number: s.number,
    mission_slug: s.slug,
    mission_id: s.mission_id,
    mission_type: s.mission_type,
    friendly_name: s.friendly_name,
    phase: s.phase,
    next_action: s.next_action,
    progress: s.progress,
    target_branch: s.target_branch,
    mission_branch: s.mission_branch,
    path: s.path,
    error: s.error,
  };
}

export function progressText(s: MissionSummary): string {
  if (s.error) return style.red("unreadable");
  if (!s.progress) return "no WPs yet";
  const p = s.progress;
  return `${p.weighted_percentage}% (${p.done_wps}/${p.total_wps} done)`;
}

export function summaryLines(s: MissionSummary): string[] {
  return [
    `${style.bold(s.slug)}${s.friendly_name ? `  ${s.friendly_name}` : ""}`,
    `  mission_id:     ${s.mission_id ?? style.dim("none (created before mission_id; `spec-kitty upgrade` mints one)")}`,
    `  number:         ${s.number ?? "-"}`,
    `  type:           ${s.mission_type}`,
    `  phase:          ${s.phase ?? "-"}${s.next_action ? ` (next: ${s.next_action})` : ""}`,
    `  progress:       ${progressText(s)}`,
    `  target branch:  ${s.target_branch ?? "-"}`,
    `  mission branch: ${s.mission_branch}`,
    `  directory:      ${s.path}/`,
    ...(s.error ? [`  error:          ${s.error}`] : []),
  ];
}
