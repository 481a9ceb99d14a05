/**
 * constitution → charter (upstream renamed it in 3.1): `.kittify/constitution/` and the older
 * `.kittify/memory/constitution.md` move to `.kittify/charter/` (`constitution.md` becomes
 * `charter.md`), with the word rewritten in their text, keeping its case. A charter that already
 * exists is never overwritten: the clash is reported and both stay.
 */
import { empty, type Migration, type MigrationOutcome, type UpgradeContext } from "../types.ts";

const CHARTER_DIR = ".kittify/charter";

export function rewordConstitution(text: string): string {
  return text
    .replaceAll("CONSTITUTION", "CHARTER")
    .replaceAll("Constitution", "Charter")
    .replaceAll("constitution", "charter");
}

function walk(ctx: UpgradeContext, dir: string): string[] {
  return ctx.overlay.listDir(dir).flatMap((name) => {
    const path = `${dir}/${name}`;
    const inner = ctx.overlay.listDir(path);
    return inner.length > 0 ? walk(ctx, path) : ctx.overlay.exists(path) ? [path] : [];
  });
}

function move(ctx: UpgradeContext, from: string, to: string, out: MigrationOutcome): void {
  if (ctx.overlay.exists(to)) {
    out.conflicts.push({ path: from, reason: `${to} already exists; kept both, merge them by hand` });
    return;
  }
  const text = ctx.overlay.read(from) as string;
  const reworded = /\.(md|ya?ml|txt)$/.test(from) ? rewordConstitution(text) : text;
  ctx.overlay.delete(from);
  ctx.overlay.write(to, reworded);
  out.steps.push({
    path: from,
    action: "move",
    detail: `to ${to}${reworded === text ? "" : " (constitution → charter in the text)"}`,
  });
}

export const charterMigration: Migration = {
  id: "constitution_to_charter",
  description:
    "Move the constitution (.kittify/constitution/, .kittify/memory/constitution.md) to .kittify/charter/",
  plan(ctx) {
    const out = empty();
    for (const path of walk(ctx, ".kittify/constitution")) {
      const rest = path.slice(".kittify/constitution/".length);
      move(ctx, path, `${CHARTER_DIR}/${rewordConstitution(rest)}`, out);
    }
    const memory = ".kittify/memory/constitution.md";
    if (ctx.overlay.exists(memory)) move(ctx, memory, `${CHARTER_DIR}/charter.md`, out);
    return out;
  },
};
