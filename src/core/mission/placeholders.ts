/**
 * Template text left in a mission's documents: the `[BRACKETED]` placeholders of the spec and plan
 * templates (the embedded ones and the project's own in `.kittify/templates/`). A document still holding
 * one is not written yet; `[NEEDS CLARIFICATION: …]` markers, checkboxes and Markdown links are not
 * placeholders.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import planTemplate from "../../templates/mission/plan-template.md" with { type: "text" };
import specTemplate from "../../templates/mission/spec-template.md" with { type: "text" };
import { containedPath } from "../fs/safe-path.ts";
import { readTextFile } from "../fs/text.ts";

export const DOCUMENT_TEMPLATES = {
  "spec.md": { name: "spec-template.md", embedded: specTemplate },
  "plan.md": { name: "plan-template.md", embedded: planTemplate },
} as const;
export type TemplatedDocument = keyof typeof DOCUMENT_TEMPLATES;

const TOKEN = /\[[^\][\n]+\](?!\()/g;

function tokensOf(template: string): Set<string> {
  const out = new Set<string>();
  for (const token of template.match(TOKEN) ?? []) {
    const inner = token.slice(1, -1).trim();
    if (inner === "" || /^[xX ]$/.test(inner) || inner.startsWith("NEEDS CLARIFICATION")) continue;
    out.add(token);
  }
  return out;
}

const embeddedTokens = new Map<string, Set<string>>();

/** THE template a document starts from: the project's own (`.kittify/templates/`) wins over the embedded one. */
export function templateText(root: string, document: TemplatedDocument): string {
  const { name, embedded } = DOCUMENT_TEMPLATES[document];
  const custom = containedPath(root, join(".kittify", "templates", name));
  return existsSync(custom) ? readTextFile(custom, `.kittify/templates/${name}`) : embedded;
}

/** The placeholders of a document's templates: the embedded one and the project's own, if any. */
function placeholderTokens(root: string, document: TemplatedDocument): Set<string> {
  const { name, embedded } = DOCUMENT_TEMPLATES[document];
  let tokens = embeddedTokens.get(name);
  if (!tokens) {
    tokens = tokensOf(embedded);
    embeddedTokens.set(name, tokens);
  }
  const template = templateText(root, document);
  return template === embedded ? tokens : new Set([...tokens, ...tokensOf(template)]);
}

export interface PlaceholderLine {
  line: number;
  text: string;
}

/** The lines of `text` (a spec.md or plan.md) that still hold one of its template's placeholders. */
export function unfilledLines(root: string, document: TemplatedDocument, text: string): PlaceholderLine[] {
  const tokens = placeholderTokens(root, document);
  const out: PlaceholderLine[] = [];
  text.split("\n").forEach((line, index) => {
    for (const token of line.match(TOKEN) ?? []) {
      if (tokens.has(token)) {
        out.push({ line: index + 1, text: line.trim() });
        return;
      }
    }
  });
  return out;
}

/** The placeholders `agent mission create` and `setup-plan` can fill themselves: mission and date. */
export function fillKnownPlaceholders(text: string, missionDir: string, isoDate: string): string {
  return text.replaceAll("[NNN-slug]", missionDir).replaceAll("[DATE]", isoDate.slice(0, 10));
}
