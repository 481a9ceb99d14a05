/**
 * `npm run bench` (or `npx bun run bench/run.ts [suite…]`): builds the host binary and a Bun "hello"
 * floor, then runs each suite and prints Markdown tables with medians, peak memory and ratios to the
 * floor. Suites: startup, init, missions, status, loop, auth, dashboard, lifecycle, dispatch, merge,
 * locks (default: all).
 */
import { buildFloor, ensureBinary, measure, report, type Sample } from "./lib.ts";

type Suite = (floor: Sample) => Promise<Sample[]>;

const suites: Record<string, () => Promise<Suite>> = {
  startup: async () => async () => {
    const bin = await ensureBinary();
    return [measure("--version", [bin, "--version"]), measure("--help", [bin, "--help"])];
  },
  init: async () => (await import("./init.ts")).benchInit,
  missions: async () => (await import("./missions.ts")).benchMissions,
  status: async () => (await import("./status.ts")).benchStatus,
  loop: async () => (await import("./loop.ts")).benchLoop,
  auth: async () => (await import("./auth.ts")).benchAuth,
  dashboard: async () => (await import("./dashboard.ts")).benchDashboard,
  lifecycle: async () => (await import("./lifecycle.ts")).benchLifecycle,
  dispatch: async () => (await import("./dispatch.ts")).benchDispatch,
  merge: async () => (await import("./merge.ts")).benchMerge,
  locks: async () => (await import("./locks.ts")).benchLocks,
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(suites);
await ensureBinary();
const floorBin = await buildFloor();
for (const name of names) {
  const load = suites[name];
  if (!load) throw new Error(`unknown suite '${name}' (known: ${Object.keys(suites).join(", ")})`);
  // The floor is re-measured next to every suite so each table's ratios come from the same moment.
  const floor = measure("bun hello (floor)", [floorBin]);
  const suite = await load();
  report(name, floor, await suite(floor));
}
