import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { say } from "../../../cli/output.ts";
import { currentBranch } from "../../../core/git/facts.ts";
import { checkBranchName } from "../../../core/git/refname.ts";
import { branchContract } from "../../../core/mission/branch-contract.ts";
import { findProjectRoot } from "../../../core/project.ts";
import { jsonArg } from "../../_args.ts";
import { emitMissionJson } from "./_emit.ts";

export default defineCommand({
  meta: {
    name: "branch-context",
    description: "Show the current branch and the branch planning should target",
  },
  args: {
    targetBranch: {
      type: "string",
      description: "Branch to plan on (default: current branch)",
      valueHint: "branch",
    },
    ...jsonArg,
  },
  run: ({ args }) => {
    const { cwd, env } = io();
    const root = findProjectRoot(cwd);
    const current = currentBranch(root, { env }) ?? "main";
    const given = args.targetBranch?.trim();
    const target = given ? checkBranchName(given, "--target-branch", 2) : current;
    const contract = branchContract(current, target);
    if (args.json) {
      emitMissionJson({
        result: "success",
        repo_root: root,
        target_branch_source: args.targetBranch ? "cli_arg" : "current_branch",
        next_step: "Create or continue the mission on the target branch shown here.",
        ...contract,
      });
      return;
    }
    say(`current branch: ${current}`, `target branch:  ${target}`, String(contract.branch_strategy_summary));
  },
});
