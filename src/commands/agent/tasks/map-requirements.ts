import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, warn } from "../../../cli/output.ts";
import { UsageError } from "../../../core/errors.ts";
import { parseJson } from "../../../core/fs/text.ts";
import { type Coverage, mapRequirements, missionCoverage } from "../../../core/tasks/requirements.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { jsonArg, missionArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

function coverageJson(c: Coverage) {
  return {
    requirements: c.defined,
    covered_by: c.mapped,
    by_wp: c.byWp,
    unmapped: c.unmapped,
    unknown_refs: c.unknownRefs,
    coverage: {
      total_functional: c.totalFunctional,
      mapped_functional: c.mappedFunctional,
      unmapped_functional: c.unmappedFunctional,
    },
  };
}

function parseBatch(text: string): Record<string, string[]> {
  const value = parseJson(text, "--batch");
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw new UsageError('--batch must be a JSON object like {"WP01": ["FR-001"]}');
  const out: Record<string, string[]> = {};
  for (const [wp, refs] of Object.entries(value)) {
    if (!Array.isArray(refs) || !refs.every((r) => typeof r === "string"))
      throw new UsageError(`--batch: ${wp} must map to a list of requirement ids`);
    out[checkWpId(wp)] = refs;
  }
  return out;
}

export default defineCommand({
  meta: {
    name: "map-requirements",
    description:
      "Map spec requirements (FR-, NFR-, C-) to work packages and report the coverage\n" +
      "Without --wp/--batch it only reports: every requirement of spec.md with the WPs citing it, the\n" +
      "unmapped ones, and refs no requirement defines. With --wp WP01 --refs FR-001,FR-002 (or --batch\n" +
      '\'{"WP01":["FR-001"]}\') it adds the refs to the WPs\' requirement_refs (--replace sets them).',
  },
  args: {
    wp: { type: "string", description: "The WP to map", valueHint: "WP" },
    refs: { type: "string", description: "Requirement ids, comma-separated", valueHint: "FR-001,..." },
    batch: { type: "string", description: "JSON object: WP id → list of requirement ids", valueHint: "json" },
    replace: { type: "boolean", description: "Set the refs instead of adding to them" },
    ...missionArg,
    ...jsonArg,
  },
  run: async ({ args }) => {
    const mission = missionFromArgs(args.mission);
    if ((args.wp === undefined) !== (args.refs === undefined))
      throw new UsageError("--wp and --refs go together");
    if (args.batch !== undefined && args.wp !== undefined)
      throw new UsageError("use --wp/--refs or --batch, not both");
    const mappings =
      args.batch !== undefined
        ? parseBatch(args.batch)
        : args.wp !== undefined
          ? {
              [checkWpId(args.wp)]: (args.refs ?? "")
                .split(",")
                .map((r) => r.trim())
                .filter(Boolean),
            }
          : null;
    if (mappings === null) {
      const coverage = missionCoverage(mission);
      if (args.json) printJson({ result: "report", mission_slug: mission.slug, ...coverageJson(coverage) });
      else {
        say(
          `${coverage.mappedFunctional}/${coverage.totalFunctional} functional requirements are mapped to WPs.`,
        );
        if (coverage.unmapped.length) say(`Unmapped: ${coverage.unmapped.join(", ")}`);
        for (const u of coverage.unknownRefs) say(`${u.wp_id} cites ${u.ref}, which spec.md does not define`);
      }
      return;
    }
    const result = await mapRequirements(mission, {
      mappings,
      replace: Boolean(args.replace),
      env: io().env,
    });
    const { commit } = result;
    if (commit?.warning) warn(commit.warning);
    if (args.json) {
      printJson({
        result: "success",
        mission_slug: mission.slug,
        mapped: result.refs,
        total_mappings: Object.values(result.refs).reduce((n, refs) => n + refs.length, 0),
        files_written: result.written,
        committed: commit?.committed ?? false,
        commit_sha: commit?.hash ?? null,
        ...coverageJson(result.coverage),
      });
      return;
    }
    for (const [wp, refs] of Object.entries(result.refs)) say(`${wp}: ${refs.join(", ") || "(none)"}`);
    say(
      `${result.coverage.mappedFunctional}/${result.coverage.totalFunctional} functional requirements are mapped.`,
    );
  },
});
