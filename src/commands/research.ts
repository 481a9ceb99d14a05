import { defineCommand } from "citty";
import { printJson, say } from "../cli/output.ts";
import { scaffoldResearch } from "../core/mission/research.ts";
import { jsonArg, missionArg } from "./_args.ts";
import { missionFromArgs } from "./_mission.ts";

export default defineCommand({
  meta: {
    name: "research",
    description:
      "Create a mission's research files: research.md, data-model.md and the evidence logs\n" +
      "In the mission directory: research.md (questions, findings, decisions), data-model.md, and\n" +
      "research/evidence-log.csv and research/source-register.csv (headers as spec-kitty 3.x uses).\n" +
      "Existing files are kept; --force replaces them, keeping their text under .kittify/backups/.",
  },
  args: {
    ...missionArg,
    force: { type: "boolean", description: "Replace existing research files (after a backup)" },
    ...jsonArg,
  },
  run: ({ args }) => {
    const mission = missionFromArgs(args.mission);
    const result = scaffoldResearch(mission, { force: Boolean(args.force) });
    if (args.json) {
      printJson({
        result: "success",
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        created: result.created,
        kept: result.kept,
        replaced: result.replaced,
        backups: result.backups,
        files: [...result.created, ...result.replaced, ...result.kept],
      });
      return;
    }
    for (const path of result.created) say(`created  ${path}`);
    for (const path of result.replaced) say(`replaced ${path}`);
    for (const path of result.kept) say(`kept     ${path} (exists; --force replaces it)`);
  },
});
