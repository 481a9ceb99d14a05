/**
 * The "branch contract" block that create/check-prerequisites/setup-plan/branch-context append to their
 * JSON, in the key order agents built for spec-kitty 3.1 expect. Agents read it to know which branch
 * they are on, which branch planning happens on, and where finished work lands.
 */
export type BranchContract = Record<string, unknown>;

/** `YYYY-MM-DDTHH:MM:SSZ`. */
export function utcSeconds(date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function branchContract(current: string, target: string, now = new Date()): BranchContract {
  const matches = current === target;
  const summary = matches
    ? `You are on ${target}, the planning branch for this mission; finished work merges back into ${target}.`
    : `You are on ${current}, but this mission plans on ${target} and finished work merges into ${target}.`;
  const nowIso = utcSeconds(now);
  return {
    current_branch: current,
    CURRENT_BRANCH: current,
    target_branch: target,
    base_branch: target,
    TARGET_BRANCH: target,
    BASE_BRANCH: target,
    planning_base_branch: target,
    PLANNING_BASE_BRANCH: target,
    merge_target_branch: target,
    MERGE_TARGET_BRANCH: target,
    EXPECTED_TARGET_BRANCH: target,
    EXPECTED_BASE_BRANCH: target,
    branch_matches_target: matches,
    BRANCH_MATCHES_TARGET: matches,
    branch_strategy_summary: summary,
    runtime_vars: {
      now_utc_iso: nowIso,
      current_branch: current,
      target_branch: target,
      base_branch: target,
      planning_base_branch: target,
      merge_target_branch: target,
      branch_matches_target: matches,
      branch_strategy_summary: summary,
    },
    NOW_UTC_ISO: nowIso,
    branch_context: {
      current_branch: current,
      target_branch: target,
      base_branch: target,
      planning_base_branch: target,
      merge_target_branch: target,
      expected_checkout_branch: target,
      matches_target: matches,
      branch_strategy_summary: summary,
    },
  };
}
