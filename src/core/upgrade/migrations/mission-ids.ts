/**
 * Missions created before `mission_id` existed get one: a fresh ULID written into meta.json (and into
 * lanes.json where it is null). Minted once: a mission that has an id keeps it forever, so a second
 * upgrade changes nothing.
 */
import { parseJson } from "../../fs/text.ts";
import { parseMissionMeta, serializeMissionMeta } from "../../mission/meta-file.ts";
import { ulid } from "../../ulid.ts";
import { empty, type Migration } from "../types.ts";

export const missionIdMigration: Migration = {
  id: "mint_mission_ids",
  description: "Give every mission without a mission_id a new ULID (never changed afterwards)",
  plan(ctx) {
    const out = empty();
    for (const mission of ctx.missions) {
      const path = `kitty-specs/${mission.slug}/meta.json`;
      const text = ctx.overlay.read(path);
      if (text === null) {
        out.conflicts.push({
          path,
          reason: "no meta.json: the mission cannot get a mission_id until it has one",
        });
        continue;
      }
      const meta = parseMissionMeta(text, path) as Record<string, unknown>;
      if (typeof meta.mission_id === "string" && meta.mission_id !== "") continue;
      const id = ulid(ctx.now.getTime());
      ctx.overlay.write(path, serializeMissionMeta({ ...meta, mission_id: id } as never));
      out.steps.push({ path, action: "update", detail: `mission_id ${id}` });
      const lanesPath = `kitty-specs/${mission.slug}/lanes.json`;
      const lanesText = ctx.overlay.read(lanesPath);
      if (lanesText === null) continue;
      const lanes = parseJson(lanesText, lanesPath) as Record<string, unknown>;
      if (
        lanes &&
        typeof lanes === "object" &&
        (lanes.mission_id === null || lanes.mission_id === undefined)
      ) {
        ctx.overlay.write(lanesPath, `${JSON.stringify({ ...lanes, mission_id: id }, null, 2)}\n`);
        out.steps.push({ path: lanesPath, action: "update", detail: `mission_id ${id}` });
      }
    }
    return out;
  },
};
