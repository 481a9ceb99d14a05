import { describe, expect, test } from "bun:test";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SpecKittyError } from "../../src/core/errors.ts";
import type { StatusMission } from "../../src/core/status/store.ts";
import { checkWpId } from "../../src/core/tasks/wp-id.ts";
import { dependenciesOf, listWpFiles } from "../../src/core/tasks/wp-list.ts";
import { tempDir } from "../support/fs.ts";

describe("checkWpId", () => {
  test.each(["WP01", "WP99", "WP100", "WP1234"])("accepts %s", (id) => {
    expect(checkWpId(id)).toBe(id);
  });

  test.each(["WP1", "WP001", "wp01", "WP01x", "WP01/../x", ""])("refuses %p with INVALID_WP_ID", (id) => {
    let code = "";
    try {
      checkWpId(id);
    } catch (error) {
      code = error instanceof SpecKittyError ? error.code : "other";
    }
    expect(code).toBe("INVALID_WP_ID");
  });
});

describe("WP files and dependencies use the same grammar", () => {
  test("WP100 files are listed after WP99, and `WP100` in a dependency string is not read as WP10", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "tasks"));
    for (const id of ["WP100", "WP02", "WP99"]) {
      const deps = id === "WP02" ? "dependencies: WP100, WP99\n" : "";
      writeFileSync(join(dir, "tasks", `${id}-x.md`), `---\nwork_package_id: ${id}\n${deps}---\n# ${id}\n`);
    }
    writeFileSync(join(dir, "tasks", "WP1-not-a-wp.md"), "---\n---\n");
    const mission = { root: dir, dir, slug: "001-x", meta: {}, missionId: "m" } as unknown as StatusMission;
    const files = listWpFiles(mission);
    expect(files.map((f) => f.id)).toEqual(["WP02", "WP99", "WP100"]);
    expect(dependenciesOf(files[0] as (typeof files)[number])).toEqual(["WP100", "WP99"]);
  });
});
