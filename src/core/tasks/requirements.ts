/**
 * Requirement references: the ids `spec.md` defines (`FR-001`, `NFR-002`, `C-003`) and the
 * `requirement_refs` each WP's frontmatter cites. `agent tasks map-requirements` reports the coverage
 * both ways and, when asked, adds refs to WP files (every ref and WP checked before any file changes).
 */
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { autoCommitEnabled } from "../config.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { checkDestinations } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";
import { type CommitOutcome, commitOwnFiles } from "../git/commit.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { withStatusLock } from "../project.ts";
import { editWp, type WpFile } from "./wp-file.ts";
import { listWpFiles } from "./wp-list.ts";

/** One requirement id as given on the command line (`FR-001`, `nfr-2` is accepted as NFR-2). */
export const REQUIREMENT_REF = /^(FR|NFR|C)-\d+$/i;
/** Requirement ids inside prose (spec.md, tasks.md lines, frontmatter strings). */
const REF_IN_TEXT = /\b(?:FR|NFR|C)-\d+\b/gi;

/** THE reading of requirement ids in text: each one upper-cased, once, in order of appearance. */
export function requirementIdsIn(text: string): string[] {
  return [...new Set((text.match(REF_IN_TEXT) ?? []).map((id) => id.toUpperCase()))];
}

/** A `requirement_refs` value (list or comma-separated string) as requirement ids. */
export function refsIn(value: unknown): string[] {
  return requirementIdsIn(Array.isArray(value) ? value.join(",") : typeof value === "string" ? value : "");
}

export interface Coverage {
  /** Requirement ids defined in spec.md, in order of first appearance. */
  defined: string[];
  /** id → WPs citing it. */
  mapped: Record<string, string[]>;
  /** WP → the refs in its frontmatter. */
  byWp: Record<string, string[]>;
  unmappedFunctional: string[];
  unmapped: string[];
  /** Refs a WP cites that spec.md does not define. */
  unknownRefs: { wp_id: string; ref: string }[];
  totalFunctional: number;
  mappedFunctional: number;
}

export function specRequirements(mission: MissionRef): string[] {
  const path = join(mission.dir, "spec.md");
  if (!existsSync(path)) return [];
  return requirementIdsIn(readTextFile(path, `kitty-specs/${mission.slug}/spec.md`));
}

export function refsOf(wp: WpFile): string[] {
  return refsIn(wp.data.requirement_refs);
}

export function coverageOf(defined: readonly string[], wps: readonly WpFile[]): Coverage {
  const byWp: Record<string, string[]> = {};
  const mapped: Record<string, string[]> = {};
  const unknownRefs: Coverage["unknownRefs"] = [];
  for (const wp of wps) {
    const refs = refsOf(wp);
    byWp[wp.id] = refs;
    for (const ref of refs) {
      if (!defined.includes(ref)) unknownRefs.push({ wp_id: wp.id, ref });
      else mapped[ref] = [...(mapped[ref] ?? []), wp.id];
    }
  }
  const unmapped = defined.filter((id) => !mapped[id]);
  const functional = defined.filter((id) => id.startsWith("FR-"));
  return {
    defined: [...defined],
    mapped,
    byWp,
    unmapped,
    unmappedFunctional: unmapped.filter((id) => id.startsWith("FR-")),
    unknownRefs,
    totalFunctional: functional.length,
    mappedFunctional: functional.filter((id) => mapped[id]).length,
  };
}

export function missionCoverage(mission: MissionRef): Coverage {
  return coverageOf(specRequirements(mission), listWpFiles(mission));
}

export interface MappingRequest {
  /** WP id → refs to add (or to set, with `replace`). */
  mappings: Record<string, string[]>;
  replace: boolean;
  env?: Record<string, string | undefined>;
}

export interface MappingResult {
  /** Files changed (absolute paths), in WP order. */
  written: string[];
  /** WP id → its refs after the change. */
  refs: Record<string, string[]>;
  coverage: Coverage;
  /** The auto-commit of `written` (null when nothing changed or `auto_commit` is off). */
  commit: CommitOutcome | null;
}

/**
 * Validates every WP and ref first; writes the WP files only when all are fine, and commits them
 * (`auto_commit`) under the same lock, so a parallel command never commits them half-written.
 */
export function mapRequirements(mission: MissionRef, request: MappingRequest): Promise<MappingResult> {
  const autoCommit = autoCommitEnabled(mission.root); // read (and validated) before anything is written
  return withStatusLock(mission.root, () => {
    const wps = listWpFiles(mission);
    const defined = specRequirements(mission);
    const unknownWps = Object.keys(request.mappings).filter((id) => !wps.some((wp) => wp.id === id));
    const all = Object.values(request.mappings)
      .flat()
      .map((ref) => (REQUIREMENT_REF.test(ref) ? ref.toUpperCase() : ref));
    const malformed = all.filter((ref) => !REQUIREMENT_REF.test(ref));
    const unknownRefs = all.filter((ref) => REQUIREMENT_REF.test(ref) && !defined.includes(ref));
    if (unknownWps.length || malformed.length || unknownRefs.length) {
      const parts = [
        unknownWps.length ? `unknown WPs: ${unknownWps.join(", ")}` : "",
        malformed.length ? `malformed refs: ${malformed.join(", ")} (expected FR-001, NFR-001 or C-001)` : "",
        unknownRefs.length ? `refs spec.md does not define: ${unknownRefs.join(", ")}` : "",
      ].filter(Boolean);
      throw new SpecKittyError("REQUIREMENT_REFS_INVALID", parts.join("; "), {
        fix: `WPs: ${wps.map((wp) => wp.id).join(", ") || "none"}; requirements in spec.md: ${defined.join(", ") || "none"}`,
        details: { unknown_wps: unknownWps, malformed_refs: malformed, unknown_refs: unknownRefs },
      });
    }
    const written: string[] = [];
    const edits: { wp: WpFile; text: string; refs: string[] }[] = [];
    for (const wp of wps) {
      const wanted = request.mappings[wp.id]?.map((ref) => ref.toUpperCase());
      if (!wanted) continue;
      const refs = request.replace ? [...new Set(wanted)] : [...new Set([...refsOf(wp), ...wanted])];
      const text = editWp(wp, { set: { requirement_refs: refs } });
      edits.push({ wp, text, refs });
    }
    const changed = edits.filter((e) => e.text !== `${e.wp.head}${e.wp.yamlText}${e.wp.tail}`);
    // Every WP file checked before the first is written: a refusal leaves all of them as they were.
    checkDestinations(
      mission.root,
      changed.map((edit) => edit.wp.path),
    );
    for (const edit of changed) {
      writeFileAtomic(edit.wp.path, edit.text);
      written.push(edit.wp.path);
    }
    const commit =
      written.length > 0 && autoCommit
        ? commitOwnFiles(
            mission.root,
            written.map((path) => relative(mission.root, path)),
            `Map requirements for ${mission.slug}`,
            request.env,
          )
        : null;
    const after = listWpFiles(mission);
    return {
      written,
      commit,
      refs: Object.fromEntries(edits.map((e) => [e.wp.id, e.refs])),
      coverage: coverageOf(defined, after),
    };
  });
}
