/**
 * Merge drivers: every `merge=spec-kitty…` rule in `.gitattributes` needs a `merge.<name>.driver` in
 * this clone's git config (git config is per clone and never committed), and that command must be a
 * spec-kitty that can be found. Missions with event logs need the event-log rule, or two clones' logs
 * conflict on every merge. Read-only: setting drivers up is `spec-kitty merge`'s job (and the team
 * setup's), so doctor prints the commands instead of running them.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import { runGit } from "../git/run.ts";
import { listMissions } from "../mission/resolve.ts";
import type { DoctorContext, Finding } from "./types.ts";

export const EVENT_LOG_DRIVER = "spec-kitty-event-log";
export const EVENT_LOG_RULE = `kitty-specs/**/status.events.jsonl merge=${EVENT_LOG_DRIVER}`;

/** `merge=<driver>` names of spec-kitty's drivers used in .gitattributes. */
export function attributeDrivers(text: string): string[] {
  const names = new Set<string>();
  for (const line of text.split("\n")) {
    if (line.trim().startsWith("#")) continue;
    for (const match of line.matchAll(/\bmerge=(spec-kitty[\w-]*)/g)) names.add(match[1] as string);
  }
  return [...names];
}

function onPath(program: string, env: Record<string, string | undefined>): boolean {
  if (isAbsolute(program)) return existsSync(program);
  return Bun.which(program, { PATH: env.PATH ?? "" }) !== null;
}

export function checkMergeDrivers(ctx: DoctorContext): Finding[] {
  if (!ctx.isGit) return [];
  const findings: Finding[] = [];
  const path = containedPath(ctx.root, ".gitattributes");
  const text = existsSync(path) ? readTextFile(path, ".gitattributes") : "";
  const drivers = attributeDrivers(text);
  const hasLogs = (() => {
    try {
      return listMissions(ctx.root).some((m) => existsSync(join(m.dir, "status.events.jsonl")));
    } catch {
      return false;
    }
  })();
  if (hasLogs && !drivers.includes(EVENT_LOG_DRIVER)) {
    findings.push({
      check: "merge_drivers",
      severity: "warning",
      message:
        "missions keep status event logs, but .gitattributes routes none of them to the union merge driver",
      subject: ".gitattributes",
      fix: `echo '${EVENT_LOG_RULE}' >> .gitattributes`,
    });
  }
  for (const name of drivers) {
    const result = runGit(ctx.root, ["config", "--get", `merge.${name}.driver`], { env: ctx.env });
    const command = result.code === 0 ? result.stdout.trim() : "";
    if (!command) {
      findings.push({
        check: "merge_drivers",
        severity: "error",
        message: `.gitattributes uses merge=${name}, but this clone's git config defines no merge.${name}.driver (git falls back to a text merge)`,
        subject: `merge.${name}.driver`,
        fix: `git config merge.${name}.driver "spec-kitty ${name.replace(/^spec-kitty-/, "merge-driver-")} %O %A %B"`,
      });
      continue;
    }
    const program = command.split(/\s+/)[0] as string;
    if (!/(^|\/)spec-kitty(\.exe)?$/.test(program)) {
      findings.push({
        check: "merge_drivers",
        severity: "warning",
        message: `merge.${name}.driver runs '${program}', not spec-kitty`,
        subject: `merge.${name}.driver`,
      });
    } else if (!onPath(program, ctx.env)) {
      findings.push({
        check: "merge_drivers",
        severity: "error",
        message: `merge.${name}.driver runs '${program}', which is not on PATH: merges of those files will fail`,
        subject: `merge.${name}.driver`,
        fix: "put the spec-kitty binary on PATH (see the README's Install section)",
      });
    }
  }
  return findings;
}
