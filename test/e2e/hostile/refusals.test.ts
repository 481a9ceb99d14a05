/**
 * The hostile corpus (corpus.ts) against the compiled binary. Per case: the exit code stated, the
 * file (or flag, or value) named in the output, no internal error, no secret echoed, no hang, and not
 * one byte changed inside the project (files and git state) or outside it. The figures of the whole run
 * are printed at the end (cases, clean errors, files changed outside, hangs).
 */
import { afterAll, describe, expect, test } from "bun:test";
import { snapshotTree } from "../../support/fs.ts";
import { CORPUS, type RefusalCase } from "./corpus.ts";
import { OPERATIONS_CORPUS } from "./corpus-operations.ts";
import { fingerprint, newCase, runCase } from "./harness.ts";

interface Result {
  kind: string;
  clean: boolean;
  outsideChanged: number;
  insideChanged: boolean;
  hung: boolean;
}

const results: Result[] = [];

function changedFiles(before: Record<string, string>, after: Record<string, string>): number {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => before[key] !== after[key]).length;
}

async function check(c: RefusalCase): Promise<void> {
  const ctx = newCase();
  c.plant?.(ctx);
  const inside = fingerprint(ctx.root);
  const outside = snapshotTree(ctx.outside, { dirs: true });
  const out = await runCase(c.argv(ctx), ctx.root, {
    env: c.env?.(ctx),
    stdin: c.stdin?.(ctx),
    tmp: ctx.tmp,
  });
  const insideAfter = fingerprint(ctx.root);
  const outsideAfter = snapshotTree(ctx.outside, { dirs: true });
  const internal = /INTERNAL|this is a bug|unexpected error/.test(out.output);
  const clean = !out.hung && out.code === c.code && out.output.includes(c.names) && !internal;
  results.push({
    kind: c.kind,
    clean,
    outsideChanged: changedFiles(outside, outsideAfter),
    insideChanged: JSON.stringify(inside) !== JSON.stringify(insideAfter),
    hung: out.hung,
  });
  expect({ hung: out.hung, code: out.code, internal }).toEqual({
    hung: false,
    code: c.code,
    internal: false,
  });
  expect(out.output).toContain(c.names);
  if (c.secret) expect(out.output).not.toContain(c.secret);
  expect(outsideAfter).toEqual(outside);
  expect(insideAfter).toEqual(inside);
}

describe("hostile corpus: refused cleanly, nothing changed inside or outside", () => {
  for (const c of [...CORPUS, ...OPERATIONS_CORPUS]) test(`${c.kind}: ${c.name}`, () => check(c), 60_000);
});

afterAll(() => {
  const by = (kind?: string) => results.filter((r) => kind === undefined || r.kind === kind);
  const line = (label: string, rs: Result[]) =>
    `${label}: ${rs.length} cases, ${rs.filter((r) => r.clean).length} clean errors, ` +
    `${rs.reduce((n, r) => n + r.outsideChanged, 0)} files changed outside, ` +
    `${rs.filter((r) => r.insideChanged).length} changed inside, ${rs.filter((r) => r.hung).length} hangs`;
  const kinds = [...new Set(results.map((r) => r.kind))];
  console.log(
    ["hostile corpus figures:", ...kinds.map((k) => `  ${line(k, by(k))}`), `  ${line("all", by())}`].join(
      "\n",
    ),
  );
});
