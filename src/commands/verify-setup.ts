import { defineCommand } from "citty";
import { io } from "../cli/io.ts";
import { printJson, say, style } from "../cli/output.ts";
import { verifySetup } from "../core/doctor/environment.ts";
import { findProjectRoot } from "../core/project.ts";
import { VERSION } from "../version.ts";
import { jsonArg } from "./_args.ts";

export default defineCommand({
  meta: {
    name: "verify-setup",
    description:
      "Check the environment: where you stand, the tools on PATH, the agents' files\n" +
      "The environment part of `spec-kitty doctor` (the original's name): project and repository root,\n" +
      "lane worktree or not, branch; git, spec-kitty and each configured agent's CLI on PATH; the health\n" +
      "of the configured agents' command files. Exit 1 when git or spec-kitty is missing.",
  },
  args: { ...jsonArg },
  run: ({ args }) => {
    const cwd = io().cwd;
    const report = verifySetup(findProjectRoot(cwd), cwd, io().env, VERSION);
    const ok = Boolean(report.tools.git?.available && report.tools["spec-kitty"]?.available);
    if (args.json) {
      printJson(report);
      return ok ? 0 : 1;
    }
    const env = report.environment;
    say(
      style.bold("Environment"),
      `  project root:  ${env.project_root}`,
      `  repository:    ${env.repo_root ?? "not a git repository"}`,
      `  lane worktree: ${env.in_worktree ? "yes" : "no"}`,
      `  branch:        ${env.current_branch ?? "-"}`,
      style.bold("Tools"),
      ...Object.entries(report.tools).map(
        ([key, t]) =>
          `  ${t.available ? style.green("✓") : style.red("✗")} ${key.padEnd(12)} ${t.path ?? `${t.binary} not found`}`,
      ),
      style.bold("Agent files"),
      ...report.file_integrity.map(
        (a) => `  ${a.agent.padEnd(12)} ${a.health}${a.configured ? "" : " (not configured)"}`,
      ),
    );
    if (report.recommendations.length)
      say(style.bold("Recommendations"), ...report.recommendations.map((r) => `  - ${r}`));
    return ok ? 0 : 1;
  },
});
