/**
 * Resolving a double claim (two clones claimed one WP while apart): one event that records the
 * decision. It is an ordinary lane event every upstream reader parses: a forced move to the lane the
 * kept claimant's own events reached, AS the kept claimant (so the reducer shows them as the holder),
 * with `policy_metadata.claim_resolution {claims, kept, resolved_by}` naming every claim of the
 * conflict. The claim tracker (status/claims.ts) closes the conflict on it; `validate` passes again.
 */
import { nowSeconds } from "../clock.ts";
import { SpecKittyError } from "../errors.ts";
import { writeFileAtomic } from "../fs/atomic.ts";
import { checkDestinations } from "../fs/safe-path.ts";
import { gitPerson } from "../git/identity.ts";
import type { MissionRef } from "../mission/resolve.ts";
import { type ClaimEntry, type ClaimResolution, describeClaimant } from "../status/claims.ts";
import { appendTransitions } from "../status/emit.ts";
import type { StatusEvent } from "../status/event.ts";
import { isLane } from "../status/lane.ts";
import { editWp } from "../tasks/wp-file.ts";
import { findWpFile } from "../tasks/wp-list.ts";

export interface ResolveClaimOptions {
  wpId: string;
  /** The claimant to keep: their actor, their person (e-mail), `actor (person)`, or a claim event id. */
  keep: string;
  /** Who resolves (recorded in the resolution); defaults to the git person. */
  resolver?: string;
  env?: Record<string, string | undefined>;
}

export interface ResolveClaimOutcome {
  event: StatusEvent;
  kept: ClaimEntry;
  dropped: ClaimEntry[];
}

function matches(entry: ClaimEntry, keep: string): boolean {
  const k = keep.trim();
  return entry.actor === k || entry.person === k || entry.event_id === k || describeClaimant(entry) === k;
}

export async function resolveClaim(
  mission: MissionRef,
  opts: ResolveClaimOptions,
): Promise<ResolveClaimOutcome> {
  const person = opts.env ? gitPerson(mission.root, { env: opts.env }) : null;
  const resolver = opts.resolver ?? person;
  let outcome: Omit<ResolveClaimOutcome, "event"> | null = null;
  let wpText: string | null = null;
  let wpPath = "";
  const [event] = await appendTransitions(
    mission,
    (_snapshot, team) => {
      const conflict = team.conflicts.find((c) => c.wp_id === opts.wpId);
      if (!conflict) {
        throw new SpecKittyError("NO_CLAIM_CONFLICT", `${opts.wpId} has no double claim to resolve`, {
          fix: `see \`spec-kitty agent status validate --mission ${mission.slug}\` for the conflicts there are`,
        });
      }
      const hits = conflict.claims.filter((c) => matches(c, opts.keep));
      if (hits.length !== 1) {
        const names = conflict.claims.map(describeClaimant).join(", ");
        throw new SpecKittyError(
          "CLAIMANT_NOT_FOUND",
          `--keep '${opts.keep}' matches ${hits.length === 0 ? "none" : "more than one"} of ${opts.wpId}'s claimants (${names})`,
          {
            exitCode: 2,
            fix: `pass one of: ${conflict.claims.map((c) => (c.person ? c.person : c.actor)).join(", ")}`,
            details: { claims: conflict.claims },
          },
        );
      }
      const kept = hits[0] as ClaimEntry;
      const dropped = conflict.claims.filter((c) => c !== kept);
      outcome = { kept, dropped };
      const lane = isLane(kept.lane) ? kept.lane : "claimed";
      const resolution: ClaimResolution = {
        claims: conflict.claims.map((c) => c.event_id),
        kept: kept.event_id,
        resolved_by: resolver,
      };
      const reason = `Double claim resolved: kept ${describeClaimant(kept)}; dropped ${dropped.map(describeClaimant).join(", ")}`;
      const wp = findWpFile(mission, opts.wpId);
      wpPath = wp.path;
      checkDestinations(mission.root, [wpPath]); // before the event: a refusal must write nothing
      wpText = editWp(wp, {
        set: { agent: kept.actor },
        activity: { at: nowSeconds(), actor: kept.actor, shellPid: "", note: reason },
      });
      return [
        {
          wpId: opts.wpId,
          to: lane,
          actor: kept.actor,
          force: true,
          reason,
          // The kept claimant is the holder from now on (their person, not the resolver's).
          policyMetadata: { person: kept.person, claim_resolution: resolution },
        },
      ];
    },
    {
      env: opts.env,
      after: () => {
        if (wpText !== null) writeFileAtomic(wpPath, wpText);
      },
    },
  );
  const done = outcome as unknown as Omit<ResolveClaimOutcome, "event">;
  return { event: event as StatusEvent, ...done };
}
