/**
 * Prompt files: filled-in templates written under the OS temp dir (as spec-kitty 3.1 does), so agents
 * can `cat` them and nothing is added to the project tree.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeFileAtomic } from "../../fs/atomic.ts";

/** `{{name}}` → vars[name]. A placeholder without a value is a template defect, caught by the tests. */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{([a-z_]+)\}\}/g, (_, key: string) => {
    const value = vars[key];
    if (value === undefined) throw new Error(`prompt template placeholder {{${key}}} has no value`);
    return value;
  });
}

/** The temp dir for prompt files: $TMPDIR from the caller's env, else the OS default. */
export function promptDir(env: Record<string, string | undefined>): string {
  return env.TMPDIR?.trim() || tmpdir();
}

/** Keeps a file name to safe characters: agent keys and slugs are validated, but this is cheap insurance. */
function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

export function writePrompt(env: Record<string, string | undefined>, name: string, text: string): string {
  const path = join(promptDir(env), safeName(name));
  writeFileAtomic(path, text);
  return path;
}
