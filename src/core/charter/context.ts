/**
 * The part of the charter an agent needs for one action, as text for a prompt: the Policy Summary (at
 * most 8 bullets; a charter without one gives its first bullets) and the sections whose heading
 * concerns the action. Stateless: every prompt carries the same context for its action (upstream shows
 * it in full only on the first load per action, which a fresh agent reading one prompt file never
 * sees). Bounded by a character budget so a long charter cannot crowd out the task.
 */
import { readCharter } from "./files.ts";
import { bullets, sections } from "./sections.ts";

export const CHARTER_ACTIONS = ["specify", "plan", "implement", "review"] as const;
export type CharterAction = (typeof CHARTER_ACTIONS)[number];

/** Headings that concern each action (matched as words, in any charter's own headings). */
const SCOPE: Record<CharterAction, RegExp> = {
  specify: /\b(intent|purpose|vision|scope|users?|risks?|performance|success)\b/i,
  plan: /\b(architecture|languages?|frameworks?|stack|performance|deployment|risks?|constraints?|documentation|data)\b/i,
  implement:
    /\b(languages?|frameworks?|stack|test(s|ing)?|quality|code|coding|standards?|documentation|performance)\b/i,
  review: /\b(review|quality|test(s|ing)?|exceptions?|standards?|risks?|documentation)\b/i,
};

/** Upstream's limit for charter context (32,000 characters). */
export const CONTEXT_BUDGET = 32_000;
const MAX_SUMMARY = 8;

export interface CharterContext {
  action: CharterAction;
  mode: "full" | "missing";
  /** Project-relative charter file, or null. */
  source: string | null;
  text: string;
  /** Headings of the sections included. */
  sections: string[];
  truncated: boolean;
}

/** The spec-kitty actions whose prompts carry charter context, and the charter action each uses. */
export function charterActionFor(action: string | null): CharterAction | null {
  if (action === "tasks") return "plan";
  if (action === "accept" || action === "merge") return "review";
  return (CHARTER_ACTIONS as readonly string[]).includes(action ?? "") ? (action as CharterAction) : null;
}

export function charterContext(root: string, action: CharterAction, budget = CONTEXT_BUDGET): CharterContext {
  const charter = readCharter(root);
  if (!charter) {
    return {
      action,
      mode: "missing",
      source: null,
      text: "No project charter yet (.kittify/charter/charter.md). Run /spec-kitty.charter to agree one.",
      sections: [],
      truncated: false,
    };
  }
  const all = sections(charter.text);
  const summarySection = all.find((s) => /policy summary/i.test(s.heading));
  const summary = bullets(summarySection ? summarySection.text : charter.text).slice(0, MAX_SUMMARY);
  const scoped = all.filter((s) => s !== summarySection && SCOPE[action].test(s.heading) && s.text !== "");
  const head = [
    `Project charter for this ${action} step (from ${charter.path}; follow it, and say so if the task conflicts with it):`,
    ...(charter.legacy
      ? ["(An older spec-kitty's constitution: `spec-kitty upgrade` moves it to .kittify/charter/.)"]
      : []),
    "",
    "Policy summary:",
    ...(summary.length ? summary : ["- (the charter has no bullet points; read it in full)"]),
  ].join("\n");
  let text = head;
  let truncated = false;
  const included: string[] = [];
  for (const section of scoped) {
    const block = `\n\n${section.heading}:\n${section.text}`;
    if (text.length + block.length > budget) {
      truncated = true;
      continue;
    }
    text += block;
    included.push(section.heading);
  }
  if (truncated) text += `\n\n(Some sections did not fit; read ${charter.path} for the rest.)`;
  return { action, mode: "full", source: charter.path, text, sections: included, truncated };
}
