/**
 * Stale claims: WPs held (claimed, in progress, in review) although nothing works on them any more —
 * the shell that took them is gone (or never recorded) and their workspace has had no commit for
 * `staleMinutes`. Releasing a claim changes the status of someone's work, so doctor only reports it,
 * with the exact command.
 */
import { isSpecKittyError } from "../errors.ts";
import { readLanes } from "../lanes/file.ts";
import { laneForWp } from "../lanes/lookup.ts";
import { listMissions } from "../mission/resolve.ts";
import type { StatusLane } from "../status/lane.ts";
import { loadSnapshot } from "../status/log-reader.ts";
import { laneOf } from "../status/reducer.ts";
import { listWpFiles, scalarText } from "../tasks/wp-list.ts";
import { staleness } from "../workspace/stale.ts";
import type { DoctorContext, Finding } from "./types.ts";

const HELD: ReadonlySet<StatusLane> = new Set<StatusLane>(["claimed", "in_progress", "in_review"]);

/** Whether a process with this pid runs on this machine (signal 0 checks without touching it). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "EPERM"; // alive, owned by someone else
  }
}

export function checkStaleClaims(ctx: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  let missions: ReturnType<typeof listMissions>;
  try {
    missions = listMissions(ctx.root);
  } catch {
    return [];
  }
  for (const mission of missions) {
    try {
      const snapshot = loadSnapshot(mission);
      const manifest = readLanes(mission);
      for (const wp of listWpFiles(mission)) {
        const lane = laneOf(snapshot, wp.id);
        if (!HELD.has(lane)) continue;
        const pid = Number(scalarText(wp.data.shell_pid));
        if (processAlive(pid)) continue;
        let workspace: string = mission.root;
        try {
          if (manifest) workspace = laneForWp(mission, wp.id, manifest).workspacePath;
        } catch {
          // not in a lane: judge by the main checkout
        }
        const info = ctx.isGit ? staleness(workspace, ctx.staleMinutes, ctx.env, ctx.now) : null;
        if (info && info.status === "fresh") continue;
        const holder = snapshot.work_packages[wp.id]?.actor ?? "unknown";
        const back = lane === "in_review" ? "for_review" : "planned";
        findings.push({
          check: "stale_claims",
          severity: "warning",
          message: `${mission.slug} ${wp.id} is ${lane} (held by ${holder}) but no process ${pid > 0 ? `${pid} ` : ""}runs it and ${info?.reason ?? "its workspace cannot be checked"}`,
          subject: `${mission.slug}/${wp.id}`,
          fix: `spec-kitty agent status emit ${wp.id} --to ${back} --mission ${mission.slug} --force --actor doctor --reason "released a stale claim"`,
        });
      }
    } catch (error) {
      if (!isSpecKittyError(error)) throw error;
      findings.push({
        check: "stale_claims",
        severity: "warning",
        message: `${mission.slug}: ${error.message}`,
        subject: mission.slug,
      });
    }
  }
  return findings;
}
