/**
 * The person behind a command: the e-mail git would put on a commit made here. Status events record it
 * next to the actor (the name passed as `--agent`), so two people running the same agent stay two
 * claimants, and a merge or an acceptance says who made it.
 */
import { GitMissingError, type GitOptions, runGit } from "./run.ts";

/** The longest e-mail kept: anything longer is not one. */
const MAX_EMAIL = 254;

function clean(value: string | undefined): string | null {
  const text = value?.trim() ?? "";
  if (text === "" || text.length > MAX_EMAIL || /[\s<>\p{Cc}]/u.test(text)) return null;
  return text;
}

/**
 * `GIT_AUTHOR_EMAIL`, else `git config user.email` (local, global and system config, as a commit would
 * read them). Null when git has none: git's own guess (`user@host`) names a machine, not a person.
 */
export function gitPerson(root: string, options: GitOptions = {}): string | null {
  const fromEnv = clean(options.env?.GIT_AUTHOR_EMAIL);
  if (fromEnv) return fromEnv;
  // One command asks many times (a merge records a done event per WP): git is asked once.
  const key = `${root}\0${options.env?.HOME ?? ""}\0${options.env?.GIT_CONFIG_GLOBAL ?? ""}`;
  const known = asked.get(key);
  if (known !== undefined) return known;
  let person: string | null = null;
  try {
    const result = runGit(root, ["config", "--get", "user.email"], options);
    person = result.code === 0 ? clean(result.stdout) : null;
  } catch (error) {
    if (!(error instanceof GitMissingError)) throw error;
  }
  asked.set(key, person);
  return person;
}

const asked = new Map<string, string | null>();
