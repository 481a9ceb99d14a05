/**
 * Prompt files: filled-in templates agents `cat`. They live in the project, under
 * `.kittify/runtime/prompts/` (local-only: listed in `.git/info/exclude`, never committed), so two
 * projects, two clones or two people on one machine never overwrite each other's prompts, which a
 * shared `$TMPDIR` named by agent and WP could not promise.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../fs/atomic.ts";
import { resolveInside } from "../../fs/safe-path.ts";
import { excludeLocally } from "../../git/exclude.ts";
import { plainGitDir } from "../../git/local-config.ts";

export const PROMPT_DIR = join(".kittify", "runtime", "prompts");

/** `{{name}}` → vars[name]. A placeholder without a value is a template defect, caught by the tests. */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{([a-z_]+)\}\}/g, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`prompt template placeholder {{${key}}} has no value`);
    return value;
  });
}

/** Keeps a file name to safe characters: actors and slugs are validated, but this is cheap insurance. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._@+-]/g, "_");
}

/** Writes one prompt file of the project at `root` and returns its absolute path. */
export function writePrompt(root: string, name: string, text: string): string {
  const dir = resolveInside(root, PROMPT_DIR);
  mkdirSync(dir, { recursive: true });
  const common = plainGitDir(root);
  excludeLocally(root, ".kittify/runtime", common ? { commonDir: common } : {});
  const path = join(dir, safeName(name));
  writeFileAtomic(path, text);
  return path;
}
