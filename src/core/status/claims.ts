/**
 * Who holds each WP, and the claims that collided. A claimant is an actor (the `--agent` name) and,
 * when git knew one, the person behind it (`policy_metadata.person`, their git e-mail): two people
 * running the same agent are two claimants. Two clones can both claim one WP while apart; after they
 * sync, the log holds two `planned → claimed` chains. The reducer then shows whichever event sorts
 * last, so the collision is tracked here while the log is folded, and stays a named conflict until an
 * event records how it was resolved (`policy_metadata.claim_resolution`, written by
 * `agent status resolve-claim`: a forced move to the kept claimant's lane, as that claimant).
 */
import { SpecKittyError } from "../errors.ts";
import type { EventLane, StatusEvent } from "./event.ts";
import type { StatusLane } from "./lane.ts";

export interface Claimant {
  actor: string;
  /** The person's git e-mail, or null when the event did not record one. */
  person: string | null;
}

export interface ClaimEntry extends Claimant {
  /** The claim event (`planned → claimed`) that started this claimant's chain. */
  event_id: string;
  at: string;
  /** Where this claimant's own events have taken the WP since. */
  lane: EventLane;
}

export interface ClaimConflict {
  wp_id: string;
  /** Every claimant of the WP since it was last planned, in replay order. */
  claims: ClaimEntry[];
}

/** What a resolution event records in `policy_metadata.claim_resolution`. */
export interface ClaimResolution {
  /** The claim events of the conflict (all of them, the kept one included). */
  claims: string[];
  kept: string;
  resolved_by: string | null;
}

/** Same claimant: same actor, and the same person unless one side recorded none. */
export function sameClaimant(a: Claimant, b: Claimant): boolean {
  return a.actor === b.actor && (a.person === null || b.person === null || a.person === b.person);
}

/** Whether the actor is the person themself: a move made without `--agent` records their e-mail. */
export function isPersonActor(claimant: Claimant): boolean {
  return claimant.person !== null && claimant.actor === claimant.person;
}

export function personOf(event: Pick<StatusEvent, "policy_metadata">): string | null {
  const person = (event.policy_metadata as { person?: unknown } | null)?.person;
  return typeof person === "string" && person !== "" ? person : null;
}

function resolutionOf(event: StatusEvent): ClaimResolution | null {
  const value = (event.policy_metadata as { claim_resolution?: unknown } | null)?.claim_resolution;
  if (value === null || typeof value !== "object") return null;
  const { claims, kept } = value as Partial<ClaimResolution>;
  if (!Array.isArray(claims) || typeof kept !== "string") return null;
  const resolvedBy = (value as { resolved_by?: unknown }).resolved_by;
  return {
    claims: claims.filter((c): c is string => typeof c === "string"),
    kept,
    resolved_by: typeof resolvedBy === "string" ? resolvedBy : null,
  };
}

/** A claimant as a person reads it: `bob (bob@example.com)`. */
export function describeClaimant(c: Claimant): string {
  return c.person ? `${c.actor} (${c.person})` : c.actor;
}

/**
 * A `--keep` value naming the first claimant alone: its actor when no other claim has that actor (two
 * people running `claude` do), else its person, else its claim event id.
 */
export function keepValue(conflict: ClaimConflict): string {
  const first = conflict.claims[0];
  if (!first) return "<claimant>";
  const alone = (value: string | null, key: "actor" | "person") =>
    value !== null && conflict.claims.filter((c) => c[key] === value).length === 1;
  if (alone(first.actor, "actor")) return first.actor;
  if (alone(first.person, "person")) return first.person as string;
  return first.event_id;
}

/** The command that resolves a double claim, for messages (a claimant to keep is the user's choice). */
export function resolveClaimCommand(slug: string, conflict: ClaimConflict): string {
  return `spec-kitty agent status resolve-claim ${conflict.wp_id} --keep ${keepValue(conflict)} --mission ${slug}`;
}

/** One line naming a double claim and how to resolve it. */
export function describeConflict(slug: string, conflict: ClaimConflict): string {
  const who = conflict.claims.map(describeClaimant).join(" and ");
  return `${conflict.wp_id} was claimed twice (${who}); keep one: \`${resolveClaimCommand(slug, conflict)}\` (or --keep another claimant)`;
}

/**
 * The refusal of anything that would carry a double-claimed WP on (a claim, a move forward, a merge):
 * one claimant must be kept first.
 */
export function claimConflictError(slug: string, conflict: ClaimConflict): SpecKittyError {
  const who = conflict.claims.map(describeClaimant).join(" and ");
  return new SpecKittyError(
    "CLAIM_CONFLICT",
    `${conflict.wp_id} was claimed twice (${who}); keep one first`,
    {
      fix: `run \`${resolveClaimCommand(slug, conflict)}\` (or --keep another claimant)`,
      details: { wp_id: conflict.wp_id, claims: conflict.claims },
    },
  );
}

/** Lanes a double-claimed WP may still be moved to: back to planned, or parked (nothing is carried on). */
export const CONFLICT_EXITS: ReadonlySet<StatusLane> = new Set(["planned", "blocked", "canceled"]);

/**
 * Watches lane events in replay order. `observe` is told the WP's replayed lane before the event; the
 * first claim since the WP was last planned opens a chain, a claim by another claimant while one is
 * open is a collision.
 */
export class ClaimTracker {
  /** Per WP: the claimants since the WP was last (re)planned; more than one = a conflict. */
  private readonly chains = new Map<string, ClaimEntry[]>();

  observe(event: StatusEvent, before: string | undefined): void {
    const wp = event.wp_id;
    const claimant: Claimant = { actor: event.actor, person: personOf(event) };
    const resolution = resolutionOf(event);
    const chain = this.chains.get(wp) ?? [];
    if (resolution) {
      const kept = chain.find((c) => c.event_id === resolution.kept);
      this.chains.set(wp, kept ? [{ ...kept, lane: event.to_lane }] : []);
      return;
    }
    if (event.from_lane === "planned" && event.to_lane === "claimed") {
      const open = before !== undefined && before !== "planned" && before !== "genesis" && chain.length > 0;
      const entry: ClaimEntry = { ...claimant, event_id: event.event_id, at: event.at, lane: event.to_lane };
      if (!open) this.chains.set(wp, [entry]);
      else if (!chain.some((c) => sameClaimant(c, claimant))) chain.push(entry);
      return;
    }
    if (event.to_lane === "planned") {
      this.chains.delete(wp);
      return;
    }
    for (const entry of chain) if (sameClaimant(entry, claimant)) entry.lane = event.to_lane;
  }

  /** The WPs claimed by more than one claimant and not resolved since. */
  conflicts(): ClaimConflict[] {
    const out: ClaimConflict[] = [];
    for (const [wp, chain] of this.chains)
      if (chain.length > 1) out.push({ wp_id: wp, claims: chain.map((c) => ({ ...c })) });
    return out.sort((a, b) => (a.wp_id < b.wp_id ? -1 : a.wp_id > b.wp_id ? 1 : 0));
  }
}
