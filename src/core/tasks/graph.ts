/** Dependency-graph checks: self-dependencies, unknown ids, malformed ids and cycles (with the path). */
import { compareWpIds, WP_ID_PATTERN } from "../../schema/wp-frontmatter.ts";

export interface GraphProblem {
  code: "SELF_DEPENDENCY" | "UNKNOWN_DEPENDENCY" | "INVALID_WP_ID" | "DEPENDENCY_CYCLE";
  message: string;
}

/** Every cycle found, each as a path that starts and ends with the same WP (`WP01 → WP02 → WP01`). */
export function findCycles(deps: Map<string, string[]>): string[][] {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  const cycles: string[][] = [];
  for (const start of [...deps.keys()].sort(compareWpIds)) {
    if (state.has(start)) continue;
    // Iterative DFS: a 3,000-WP chain must not overflow the stack.
    const path: string[] = [];
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    state.set(start, 1);
    path.push(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1] as { id: string; next: number };
      const children = deps.get(frame.id) ?? [];
      if (frame.next < children.length) {
        const child = children[frame.next++] as string;
        if (!deps.has(child)) continue;
        const seen = state.get(child);
        if (seen === 1) cycles.push([...path.slice(path.indexOf(child)), child]);
        else if (seen === undefined) {
          state.set(child, 1);
          path.push(child);
          stack.push({ id: child, next: 0 });
        }
      } else {
        state.set(frame.id, 2);
        path.pop();
        stack.pop();
      }
    }
  }
  return cycles;
}

export function checkGraph(deps: Map<string, string[]>): GraphProblem[] {
  const problems: GraphProblem[] = [];
  for (const [id, list] of [...deps].sort(([a], [b]) => compareWpIds(a, b))) {
    for (const dep of list) {
      if (!WP_ID_PATTERN.test(dep)) {
        problems.push({
          code: "INVALID_WP_ID",
          message: `${id} depends on '${dep}', which is not a WP id (e.g. WP01)`,
        });
      } else if (dep === id) {
        problems.push({ code: "SELF_DEPENDENCY", message: `${id} depends on itself` });
      } else if (!deps.has(dep)) {
        problems.push({
          code: "UNKNOWN_DEPENDENCY",
          message: `${id} depends on ${dep}, which does not exist`,
        });
      }
    }
  }
  const withoutSelf = new Map([...deps].map(([id, list]) => [id, list.filter((d) => d !== id)]));
  for (const cycle of findCycles(withoutSelf)) {
    problems.push({ code: "DEPENDENCY_CYCLE", message: `dependency cycle: ${cycle.join(" → ")}` });
  }
  return problems;
}
