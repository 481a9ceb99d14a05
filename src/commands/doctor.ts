import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say, style } from "../cli/output.ts";
import { runDoctor } from "../core/doctor/run.ts";
import type { Finding } from "../core/doctor/types.ts";
import { UsageError } from "../core/errors.ts";
import { findProjectRoot } from "../core/project.ts";
import { VERSION } from "../version.ts";
import { jsonArg } from "./_args.ts";

const HELP = `Check the project's health; --fix repairs what can be repaired safely
Checks: project files (config, metadata, manifest), version skew between this binary and the
project, missing or outdated agent command files, merge drivers (.gitattributes rules, this clone's
git config, spec-kitty on PATH), stale claims (claimed / in progress / in review with no live process
and no recent commit), worktrees and lane branches left without a purpose, missions sharing a number,
and .kittify/runtime/ tracked by git.
--fix applies only fixes that lose nothing: restore missing and outdated unedited command files,
forget worktrees whose folder is gone, remove empty leftover worktree folders, take .kittify/runtime/
out of the git index (the files stay; nothing is committed). Everything else is reported with the
command that fixes it. Exit 1 when an error remains.`;

const MARK: Record<Finding["severity"], (t: string) => string> = {
  error: (t) => style.red(t),
  warning: (t) => style.yellow(t),
  info: (t) => style.dim(t),
};

export default defineCommand({
  meta: { name: "doctor", description: HELP },
  args: {
    fix: { type: "boolean", description: "Apply the safe fixes and say what changed" },
    staleAfter: {
      type: "string",
      default: "60",
      valueHint: "minutes",
      description: "Minutes without a commit before a claim with no live process is stale",
    },
    ...jsonArg,
  },
  run: async ({ args }) => {
    const staleMinutes = Number(args.staleAfter);
    if (!Number.isFinite(staleMinutes) || staleMinutes < 0)
      throw new UsageError("--stale-after must be minutes");
    const root = findProjectRoot(io().cwd);
    const result = await runDoctor({
      root,
      version: VERSION,
      env: io().env,
      fix: Boolean(args.fix),
      staleMinutes,
    });
    const count = (s: Finding["severity"]) => result.findings.filter((f) => f.severity === s).length;
    const errors = count("error");
    if (args.json) {
      printJson({
        healthy: errors === 0 && count("warning") === 0,
        counts: { error: errors, warning: count("warning"), info: count("info") },
        findings: result.findings.map((f) => ({
          check: f.check,
          severity: f.severity,
          message: f.message,
          subject: f.subject ?? null,
          fix: f.fix ?? null,
          auto_fixable: f.autoFix !== undefined,
        })),
        fixed: result.fixed,
      });
      return errors > 0 ? 1 : 0;
    }
    for (const line of result.fixed) say(`${style.green("fixed")}   ${line}`);
    if (result.findings.length === 0) say(`${style.green("✓")} No problems found.`);
    for (const f of result.findings) {
      say(`${MARK[f.severity](f.severity.padEnd(7))} ${f.message}`);
      if (f.fix)
        say(`        fix: ${f.fix}${f.autoFix && !args.fix ? "   (or: spec-kitty doctor --fix)" : ""}`);
    }
    return errors > 0 ? 1 : 0;
  },
});
