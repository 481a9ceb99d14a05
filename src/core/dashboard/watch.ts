/**
 * Watching a project for the changes the views care about, without polling: one recursive `fs.watch`
 * on the main `kitty-specs/` and on each lane worktree's `kitty-specs/`, plus shallow watches on the
 * project root and `.worktrees/` to notice those directories appearing. Events are collected per mission
 * (the first path segment under `kitty-specs/`) and delivered after a short quiet period, so a command
 * that writes five files causes one re-read, not five.
 */
import { existsSync, type FSWatcher, watch } from "node:fs";
import { join } from "node:path";
import { specsLocations } from "../views/missions.ts";

export interface WatchOptions {
  /** Quiet time after the last event before the change is delivered (default 40 ms). */
  debounceMs?: number;
  /** Longest a change waits while events keep coming (default 250 ms). */
  maxWaitMs?: number;
}

export interface ProjectWatch {
  close(): void;
}

/** What to re-read: these mission keys, or (null) everything, when the set of places changed. */
export type ChangeHandler = (keys: ReadonlySet<string> | null) => void;

interface Target {
  path: string;
  recursive: boolean;
  /** Maps an event's file name to what changed. */
  onEvent: (name: string | null) => void;
}

export function watchProject(
  root: string,
  onChange: ChangeHandler,
  options: WatchOptions = {},
): ProjectWatch {
  const debounceMs = options.debounceMs ?? 40;
  const maxWaitMs = options.maxWaitMs ?? 250;
  const watchers = new Map<string, FSWatcher>();
  let keys = new Set<string>();
  let all = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstEventAt = 0;
  let closed = false;

  const flush = () => {
    timer = null;
    const delivered = all ? null : keys;
    keys = new Set();
    all = false;
    if (delivered === null || delivered.size > 0) onChange(delivered);
  };

  const schedule = () => {
    const now = Date.now();
    if (timer === null) firstEventAt = now;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstEventAt + maxWaitMs - now));
    timer = setTimeout(flush, wait);
  };

  const touch = (key: string | null) => {
    if (closed) return;
    if (key === null) all = true;
    else keys.add(key);
    schedule();
  };

  const missionKey = (name: string | null): string | null => {
    if (name === null) return null;
    const first = name.split(/[\\/]/)[0] ?? "";
    return first === "" ? null : first;
  };

  const targets = (): Target[] => {
    const out: Target[] = [
      {
        path: root,
        recursive: false,
        onEvent: (name) => {
          if (name === null || name === "kitty-specs" || name === ".worktrees") resync(true);
        },
      },
    ];
    const worktrees = join(root, ".worktrees");
    if (existsSync(worktrees)) out.push({ path: worktrees, recursive: false, onEvent: () => resync(true) });
    for (const location of specsLocations(root)) {
      if (existsSync(location.path)) {
        out.push({ path: location.path, recursive: true, onEvent: (name) => touch(missionKey(name)) });
      } else if (location.kind === "worktree") {
        // A worktree still being checked out: watch it until its kitty-specs/ exists.
        const dir = join(location.path, "..");
        out.push({
          path: dir,
          recursive: false,
          onEvent: (name) => {
            if (name === null || name === "kitty-specs") resync(true);
          },
        });
      }
    }
    return out;
  };

  /** Makes the set of watchers match the directories that exist now. */
  const resync = (changed: boolean) => {
    if (closed) return;
    const wanted = targets();
    const keep = new Set(wanted.map((t) => `${t.recursive ? "r" : "s"}:${t.path}`));
    for (const [id, watcher] of watchers) {
      if (keep.has(id)) continue;
      watcher.close();
      watchers.delete(id);
    }
    for (const target of wanted) {
      const id = `${target.recursive ? "r" : "s"}:${target.path}`;
      if (watchers.has(id)) continue;
      try {
        const watcher = watch(target.path, { recursive: target.recursive }, (_event, name) =>
          target.onEvent(typeof name === "string" ? name : null),
        );
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(id);
          resync(true);
        });
        watchers.set(id, watcher);
      } catch {
        // The directory vanished between the check and the watch: the parent's watcher sees it go.
      }
    }
    if (changed) touch(null);
  };

  resync(false);
  return {
    close() {
      closed = true;
      if (timer !== null) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}
