/**
 * Codex no longer reads custom prompts (removed in codex-cli 0.117.0); its commands are project skills
 * in `.agents/skills/` now (written by the owned-files refresh). The old `.codex/prompts/spec-kitty.*.md`
 * files go: a file some spec-kitty generated (it carries the version marker) is removed after a backup;
 * one without the marker may be the user's own and stays, reported. Nothing else in `.codex/` is touched.
 */
import { hasVersionMarker } from "../../owned/reconcile.ts";
import { empty, type Migration } from "../types.ts";

const PROMPTS = ".codex/prompts";

export const codexSkillsMigration: Migration = {
  id: "codex_prompts_to_skills",
  description: "Retire .codex/prompts/spec-kitty.* (Codex reads the skills in .agents/skills/ instead)",
  plan(ctx) {
    const out = empty();
    for (const name of ctx.overlay.listDir(PROMPTS)) {
      if (!/^spec-kitty\..+\.md$/.test(name)) continue;
      const path = `${PROMPTS}/${name}`;
      const text = ctx.overlay.read(path);
      if (text === null) continue;
      if (hasVersionMarker(text)) {
        ctx.overlay.delete(path, true);
        out.steps.push({
          path,
          action: "delete",
          detail: "generated prompt Codex no longer reads (backed up)",
        });
      } else {
        out.conflicts.push({
          path,
          reason: "has no spec-kitty version marker (your own?); kept, Codex ignores it",
        });
      }
    }
    return out;
  },
};
