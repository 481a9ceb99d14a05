/**
 * finalize-tasks, phase 1: everything is read and validated and every new file text is computed in
 * memory. Nothing is written here, so a failing or `--validate-only` run leaves the disk untouched.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { WP_ID } from "../../schema/wp-frontmatter.ts";
import { isSpecKittyError, SpecKittyError } from "../errors.ts";
import { readTextFile } from "../fs/text.ts";
import { computeLanes, type LaneComputation } from "../lanes/compute.ts";
import { conflictingOverlaps, resolveOwnership, staticPrefix } from "../lanes/ownership.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { checkGraph } from "../tasks/graph.ts";
import { loadMissionTasks, type Problem } from "../tasks/load.ts";
import { refsIn, requirementIdsIn } from "../tasks/requirements.ts";
import { editWp, type WpFile, wpText } from "../tasks/wp-file.ts";
import { readWpsManifest, type WpsManifest } from "../tasks/wps-manifest.ts";

export interface WpPlan {
  id: string;
  file: WpFile;
  dependencies: string[];
  /** True when frontmatter dependencies were kept instead of tasks.md's. */
  preserved: boolean;
  requirementRefs: string[];
  changes: Record<string, unknown>;
  newText: string;
  modified: boolean;
}

export interface FinalizePlan {
  mission: MissionRef;
  targetBranch: string;
  wps: WpPlan[];
  lanes: LaneComputation;
  deps: Map<string, string[]>;
  warnings: string[];
}

const WP_TOKEN = new RegExp(WP_ID, "g");

function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.match(WP_TOKEN) ?? [];
  return [];
}

const refsOf = refsIn;

function sameSet(a: string[], b: string[]): boolean {
  const x = new Set(a);
  return x.size === new Set(b).size && b.every((v) => x.has(v));
}

export function branchStrategy(target: string): string {
  return (
    `This WP was planned on ${target}. Its lane may start from a dependency's branch, but the finished ` +
    `work merges back into ${target} unless a human chooses another landing branch.`
  );
}

function finishWp(
  file: WpFile,
  changes: Record<string, unknown>,
  dependencies: string[],
  preserved: boolean,
  requirementRefs: string[],
): WpPlan {
  const original = wpText(file);
  const newText = editWp(file, { set: changes });
  for (const key of Object.keys(changes)) {
    if (JSON.stringify(file.data[key]) === JSON.stringify(changes[key])) delete changes[key];
  }
  return {
    id: file.id,
    file,
    dependencies,
    preserved,
    requirementRefs,
    changes,
    newText,
    modified: newText !== original,
  };
}

function fail(problems: Problem[]): never {
  const first = problems[0] as Problem;
  const list = problems.map((p) => p.message);
  throw new SpecKittyError(
    first.code,
    problems.length === 1 ? first.message : `${problems.length} problems:\n  - ${list.join("\n  - ")}`,
    {
      fix: "fix the files named above and run finalize-tasks again (nothing was written)",
      details: { errors: list, codes: [...new Set(problems.map((p) => p.code))] },
    },
  );
}

/**
 * `light` is `agent tasks finalize-tasks`: the same validation, but only `dependencies` (and a missing
 * `work_package_id`) are written to WP files; ownership and branch fields are left alone.
 */
export function planFinalize(mission: MissionRef, currentBranch: string, light = false): FinalizePlan {
  const rel = `kitty-specs/${mission.slug}`;
  if (!existsSync(join(mission.dir, "tasks"))) {
    throw new SpecKittyError("TASKS_DIR_MISSING", `${rel}/tasks/ does not exist`, {
      fix: "write tasks.md and one tasks/WPnn-title.md file per work package first",
    });
  }
  const loaded = loadMissionTasks(mission);
  const problems = [...loaded.problems];
  const warnings = [...loaded.warnings];
  // wps.yaml, when present, is the dependency source (spec-kitty 3.1+); tasks.md prose is then not read.
  let manifest: WpsManifest | null = null;
  try {
    manifest = readWpsManifest(mission);
  } catch (error) {
    if (!isSpecKittyError(error)) throw error;
    problems.push({ code: error.code, message: error.message });
  }
  const source = manifest ? "wps.yaml" : "tasks.md";
  const parsed = new Map<string, { dependencies: string[]; requirementRefs: string[] }>(
    manifest ? manifest.wps.map((wp) => [wp.id, wp]) : (loaded.tasks?.wps ?? []).map((wp) => [wp.id, wp]),
  );
  const fileIds = new Set(loaded.files.map((f) => f.id));
  for (const id of parsed.keys()) {
    if (!fileIds.has(id) && !problems.some((p) => p.message.includes(`/${id}`))) {
      problems.push({
        code: "WP_FILE_MISSING",
        message: `${source} declares ${id} but ${rel}/tasks/ has no ${id}-*.md file`,
      });
    }
  }
  if (manifest) {
    for (const id of fileIds)
      if (!parsed.has(id)) warnings.push(`${id} is not in ${manifest.file}; it gets no dependencies from it`);
  }
  if (loaded.files.length === 0 && problems.length === 0) {
    throw new SpecKittyError("NO_WORK_PACKAGES", `${rel}/tasks/ holds no WPnn-*.md files`, {
      fix: "write one tasks/WPnn-title.md file per work package, then run finalize-tasks again",
    });
  }

  const deps = new Map<string, string[]>();
  const preserved = new Set<string>();
  for (const file of loaded.files) {
    const explicit = listOf(file.data.dependencies);
    const fromTasks = parsed.get(file.id)?.dependencies ?? [];
    if (explicit.length > 0) {
      preserved.add(file.id);
      if (fromTasks.length > 0 && !sameSet(explicit, fromTasks)) {
        problems.push({
          code: "DEPENDENCY_CONFLICT",
          message: `${file.id}: frontmatter dependencies [${explicit.join(", ")}] disagree with ${source} [${fromTasks.join(", ")}]`,
        });
      }
      deps.set(file.id, explicit);
    } else deps.set(file.id, fromTasks);
  }
  problems.push(...checkGraph(deps));

  const specIds = new Set<string>();
  if (existsSync(join(mission.dir, "spec.md"))) {
    const spec = readTextFile(join(mission.dir, "spec.md"), `${rel}/spec.md`);
    for (const id of requirementIdsIn(spec)) specIds.add(id);
  }
  const ownership = loaded.files.map((file) => {
    const text = `${file.head}${file.yamlText}${file.tail}`;
    const { mode, owned, surface, inferred } = resolveOwnership(file.data, text, mission.slug);
    if (owned.length === 0)
      warnings.push(`${file.id}: no owned files found; add owned_files to its frontmatter`);
    // `./` (what is inferred for files at the repository root, e.g. `README.md`) covers every path.
    const covers = (g: string) => surface === "./" || g.startsWith(surface as string) || `${g}/` === surface;
    if (surface !== null && owned.length > 0 && !owned.some(covers)) {
      problems.push({
        code: "OWNERSHIP_INVALID",
        message: `${file.id}: authoritative_surface '${surface}' is not a prefix of any owned file (${owned.join(", ")})`,
      });
    }
    for (const glob of owned) {
      // Exact files are often ones the WP will create; only a pattern over a missing directory is odd.
      if (glob !== staticPrefix(glob) && !existsSync(join(mission.root, staticPrefix(glob)))) {
        warnings.push(`${file.id}: owned_files entry '${glob}' matches no files yet`);
      }
    }
    return { file, mode, owned, inferred };
  });
  const overlaps = conflictingOverlaps(
    ownership.map((o) => ({ wpId: o.file.id, mode: o.mode, globs: o.owned })),
  );
  for (const o of overlaps) {
    problems.push({
      code: "OWNERSHIP_OVERLAP",
      message: `${o.a} and ${o.b} both own the same files ('${o.globA}' vs '${o.globB}')`,
    });
  }
  if (problems.length > 0) fail(problems);

  const targetBranch = mission.meta.target_branch || currentBranch;
  const wps: WpPlan[] = ownership.map(({ file, inferred }) => {
    const fmRefs = refsOf(file.data.requirement_refs);
    const refs = fmRefs.length > 0 ? fmRefs : (parsed.get(file.id)?.requirementRefs ?? []);
    if (refs.length === 0)
      warnings.push(`${file.id}: no requirement refs (add a "Requirement Refs: FR-001" line)`);
    for (const ref of refs) {
      if (specIds.size > 0 && !specIds.has(ref))
        warnings.push(`${file.id}: requirement ${ref} is not in spec.md`);
    }
    const changes: Record<string, unknown> = {};
    if (file.data.work_package_id === undefined) changes.work_package_id = file.id;
    if (!preserved.has(file.id)) changes.dependencies = deps.get(file.id) ?? [];
    if (light) return finishWp(file, changes, deps.get(file.id) ?? [], preserved.has(file.id), refs);
    changes.planning_base_branch = targetBranch;
    changes.merge_target_branch = targetBranch;
    changes.branch_strategy = branchStrategy(targetBranch);
    if (fmRefs.length === 0 && refs.length > 0) changes.requirement_refs = refs;
    Object.assign(changes, inferred);
    return finishWp(file, changes, deps.get(file.id) ?? [], preserved.has(file.id), refs);
  });
  const mapped = new Set(wps.flatMap((wp) => wp.requirementRefs));
  for (const id of [...specIds].filter((s) => s.startsWith("FR-")).sort()) {
    if (!mapped.has(id)) warnings.push(`spec.md requirement ${id} is not covered by any WP`);
  }
  const lanes = computeLanes(
    ownership.map(({ file, mode, owned }) => ({
      id: file.id,
      dependencies: deps.get(file.id) ?? [],
      executionMode: mode,
      ownedFiles: owned,
      body: file.tail,
    })),
  );
  return { mission, targetBranch, wps, lanes, deps, warnings };
}
