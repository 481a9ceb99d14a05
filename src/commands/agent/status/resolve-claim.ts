import { defineCommand } from "citty";
import { io } from "../../../cli/io.ts";
import { printJson, say, style } from "../../../cli/output.ts";
import { resolveClaim } from "../../../core/loop/resolve-claim.ts";
import { describeClaimant } from "../../../core/status/claims.ts";
import { checkWpId } from "../../../core/tasks/wp-id.ts";
import { jsonArg, missionArg, wpArg } from "../../_args.ts";
import { missionFromArgs } from "../../_mission.ts";

export default defineCommand({
  meta: {
    name: "resolve-claim",
    description:
      "Keep one claimant of a WP two clones claimed at once (after a sync)\n" +
      "Records one event: a forced move to the lane the kept claimant reached, as that claimant, naming\n" +
      "every claim it settles. The board, next and validate stop reporting the conflict. The dropped\n" +
      "claimant's lane branch commits (if any) are theirs to merge into the kept one or discard.",
  },
  args: {
    ...wpArg,
    keep: {
      type: "string",
      required: true,
      description: "The claimant to keep: their --agent name, their git e-mail, or the claim's event id",
      valueHint: "claimant",
    },
    ...missionArg,
    ...jsonArg,
  },
  run: async ({ args }) => {
    const wpId = checkWpId(args.wp_id);
    const mission = missionFromArgs(args.mission);
    const outcome = await resolveClaim(mission, { wpId, keep: args.keep, env: io().env });
    if (args.json) {
      printJson({
        result: "success",
        wp_id: wpId,
        mission_slug: mission.slug,
        mission_id: mission.missionId,
        kept: outcome.kept,
        dropped: outcome.dropped,
        lane: outcome.event.to_lane,
        event_id: outcome.event.event_id,
      });
      return;
    }
    say(
      `${style.green("Resolved")} ${wpId}: kept ${describeClaimant(outcome.kept)} (${outcome.event.to_lane})`,
      ...outcome.dropped.map(
        (c) =>
          `  dropped ${describeClaimant(c)}: commits made for ${wpId} under that claim are not on the kept lane`,
      ),
    );
  },
});
