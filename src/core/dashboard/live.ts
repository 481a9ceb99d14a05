/**
 * The dashboard's state in memory: the view of every mission, kept current by re-reading only the
 * missions a file change touched. Each change gets the next version number, so a page that loads the
 * whole state while changes stream in can tell which ones it already has.
 */
import { duplicateNumbers } from "../mission/number.ts";
import type { DuplicateNumbers } from "../views/adapter.ts";
import { type MissionView, missionView, type ViewOptions } from "../views/cards.ts";
import { findProjectMission, type ProjectMission, projectMissions } from "../views/missions.ts";
import { type WpDetail, wpDetail } from "../views/wp-detail.ts";

export interface Change {
  version: number;
  /** The mission's new view (added or changed)… */
  mission?: MissionView;
  /** …or the key of a mission that is gone. */
  removed?: string;
}

interface Entry {
  pm: ProjectMission;
  view: MissionView;
  /** The view serialised, to tell a real change from a rewrite of the same facts. */
  json: string;
}

export class LiveViews {
  private readonly entries = new Map<string, Entry>();
  private current = 0;

  constructor(
    readonly root: string,
    private readonly options: ViewOptions,
  ) {}

  get version(): number {
    return this.current;
  }

  /** Reads every mission of the project. */
  load(): void {
    this.entries.clear();
    const duplicates = duplicateNumbers(this.root);
    for (const pm of projectMissions(this.root)) this.entries.set(pm.key, this.entry(pm, duplicates));
  }

  /** `duplicates`: the project's shared numbers, read once per load or refresh (not once per mission). */
  private entry(pm: ProjectMission, duplicates: DuplicateNumbers): Entry {
    const view = missionView(pm, { ...this.options, duplicates });
    return { pm, view, json: JSON.stringify(view) };
  }

  /**
   * Re-reads the missions named in `keys` (every mission, and the list itself, when null) and returns
   * what changed, each change with its version.
   */
  refresh(keys: ReadonlySet<string> | null): Change[] {
    const changes: Change[] = [];
    const next = keys ?? new Set([...this.entries.keys(), ...projectMissions(this.root).map((pm) => pm.key)]);
    const duplicates = duplicateNumbers(this.root);
    for (const key of [...next].sort()) {
      const pm = findProjectMission(this.root, key);
      const old = this.entries.get(key);
      if (!pm) {
        if (!old) continue;
        this.entries.delete(key);
        changes.push({ version: ++this.current, removed: key });
        continue;
      }
      const fresh = this.entry(pm, duplicates);
      if (old && old.json === fresh.json) {
        old.pm = pm;
        continue;
      }
      this.entries.set(key, fresh);
      changes.push({ version: ++this.current, mission: fresh.view });
    }
    return changes;
  }

  private sorted(): Entry[] {
    return [...this.entries.keys()].sort().map((key) => this.entries.get(key) as Entry);
  }

  /** Every mission's view, by key. */
  list(): MissionView[] {
    return this.sorted().map((entry) => entry.view);
  }

  /** `list()` serialised, for the page's first load: joined from the cached strings, not re-serialised. */
  listJson(): string {
    return `[${this.sorted()
      .map((entry) => entry.json)
      .join(",")}]`;
  }

  /** Missions with a WP in progress: their stale flags depend on the clock and on commits, not on files. */
  inProgressKeys(): Set<string> {
    const keys = new Set<string>();
    for (const [key, entry] of this.entries)
      if (entry.view.work_packages.some((wp) => wp.lane === "in_progress")) keys.add(key);
    return keys;
  }

  get(key: string): MissionView | null {
    return this.entries.get(key)?.view ?? null;
  }

  /** A WP's detail, read from disk now; null when the mission or the WP is unknown. */
  detail(key: string, wpId: string): WpDetail | null {
    const entry = this.entries.get(key);
    const card = entry?.view.work_packages.find((wp) => wp.id === wpId);
    return entry && card ? wpDetail(entry.pm, card) : null;
  }
}
