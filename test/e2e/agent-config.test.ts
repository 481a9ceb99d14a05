/**
 * `agent config list|add|remove|status|sync` end to end (compiled binary): agents added and removed
 * after init, through the manifest of owned files; edited files are never lost.
 */
import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { COMMAND_TEMPLATES } from "../../src/templates/index.ts";
import { listFiles, snapshotTree, tempDir } from "../support/fs.ts";
import { runBin } from "../support/run.ts";

const COMMANDS = COMMAND_TEMPLATES.length;

async function project(agents: string): Promise<string> {
  const root = tempDir();
  expect((await runBin(["init", "p", "--ai", agents, "--non-interactive"], { cwd: root })).code).toBe(0);
  return join(root, "p");
}

const config = (dir: string, ...args: string[]) => runBin(["agent", "config", ...args], { cwd: dir });

async function configJson(dir: string, ...args: string[]): Promise<Record<string, unknown>> {
  const r = await config(dir, ...args, "--json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const read = (dir: string, path: string) => readFileSync(join(dir, path), "utf8");
const agentsInConfig = (dir: string) =>
  [...read(dir, ".kittify/config.yaml").matchAll(/^ {4}- (\S+)$/gm)].map((m) => m[1]);
const manifestPaths = (dir: string) =>
  (JSON.parse(read(dir, ".kittify/owned-files.json")).files as { path: string }[]).map((f) => f.path);

interface StatusDoc {
  agents: { key: string; configured: boolean; health: string; files: { path: string; state: string }[] }[];
  available: string[];
}

describe("agent config", () => {
  test("add writes the agent's files, lists it in config.yaml and records the files", async () => {
    const dir = await project("claude");
    const out = await configJson(dir, "add", "gemini,kiro");
    expect(out.changed).toEqual(["gemini", "kiro"]);
    expect(agentsInConfig(dir)).toEqual(["claude", "gemini", "kiro"]);
    expect(readdirSync(join(dir, ".gemini/commands"))).toHaveLength(COMMANDS);
    expect(readdirSync(join(dir, ".kiro/prompts"))).toContain("spec-kitty.implement.md");
    expect(read(dir, ".kiro/prompts/spec-kitty.implement.md")).toContain("--agent kiro");
    expect(manifestPaths(dir)).toContain(".gemini/commands/spec-kitty.plan.toml");
    const status = (await configJson(dir, "status")) as unknown as StatusDoc;
    expect(status.agents.map((a) => [a.key, a.health])).toEqual([
      ["claude", "ok"],
      ["gemini", "ok"],
      ["kiro", "ok"],
    ]);
    // adding again changes nothing
    const before = snapshotTree(dir);
    const again = await configJson(dir, "add", "gemini");
    expect(again.unchanged).toEqual(["gemini"]);
    expect(snapshotTree(dir)).toEqual(before);
  });

  test("remove deletes only unedited files; an edited one is kept and named", async () => {
    const dir = await project("claude,gemini");
    const edited = join(dir, ".gemini/commands/spec-kitty.plan.toml");
    writeFileSync(edited, `${readFileSync(edited, "utf8")}# my note\n`);
    const status = (await configJson(dir, "status")) as unknown as StatusDoc;
    expect(status.agents.find((a) => a.key === "gemini")?.health).toBe("edited");
    const out = await configJson(dir, "remove", "gemini");
    expect(out.changed).toEqual(["gemini"]);
    expect(out.deleted).toHaveLength(COMMANDS - 1);
    expect((out.kept as { path: string }[]).map((k) => k.path)).toEqual([
      ".gemini/commands/spec-kitty.plan.toml",
    ]);
    expect(readdirSync(join(dir, ".gemini/commands"))).toEqual(["spec-kitty.plan.toml"]);
    expect(agentsInConfig(dir)).toEqual(["claude"]);
    expect(manifestPaths(dir).some((p) => p.startsWith(".gemini/"))).toBe(false);
    // the kept file shows up as an orphan of a removed agent
    const after = (await configJson(dir, "status")) as unknown as StatusDoc;
    expect(after.agents.find((a) => a.key === "gemini")).toMatchObject({
      configured: false,
      health: "orphaned",
    });
  });

  test("removing the last agent of a directory removes the directory it left empty", async () => {
    const dir = await project("claude,qwen");
    await configJson(dir, "remove", "qwen");
    expect(existsSync(join(dir, ".qwen"))).toBe(false);
    expect(existsSync(join(dir, ".claude/commands/spec-kitty.plan.md"))).toBe(true);
  });

  test("a file spec-kitty did not write in the way: add refuses and writes nothing; --force backs it up", async () => {
    const dir = await project("claude");
    mkdirSync(join(dir, ".cursor/commands"), { recursive: true });
    writeFileSync(join(dir, ".cursor/commands/spec-kitty.plan.md"), "my own cursor command\n");
    const before = snapshotTree(dir);
    const r = await config(dir, "add", "cursor", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error_code).toBe("AGENT_FILE_CONFLICT");
    expect(r.stdout).toContain(".cursor/commands/spec-kitty.plan.md");
    expect(snapshotTree(dir)).toEqual(before);
    const forced = await configJson(dir, "add", "cursor", "--force");
    expect(forced.backups).toHaveLength(1);
    expect(read(dir, (forced.backups as string[])[0] as string)).toBe("my own cursor command\n");
    expect(read(dir, ".cursor/commands/spec-kitty.plan.md")).toContain("setup-plan");
  });

  test("sync restores missing and outdated files, keeps edited ones unless --force (with a backup)", async () => {
    const dir = await project("claude");
    rmSync(join(dir, ".claude/commands/spec-kitty.next.md"));
    const review = join(dir, ".claude/commands/spec-kitty.review.md");
    writeFileSync(review, "my own review steps\n");
    const status = (await configJson(dir, "status")) as unknown as StatusDoc;
    expect(status.agents[0]?.health).toBe("missing");
    expect(status.agents[0]?.files.filter((f) => f.state !== "current")).toEqual([
      { path: ".claude/commands/spec-kitty.next.md", state: "missing" },
      { path: ".claude/commands/spec-kitty.review.md", state: "edited" },
    ]);
    const out = await configJson(dir, "sync");
    expect(out.written).toEqual([".claude/commands/spec-kitty.next.md"]);
    expect(readFileSync(review, "utf8")).toBe("my own review steps\n");
    const forced = await configJson(dir, "sync", "--force");
    expect(forced.written).toEqual([".claude/commands/spec-kitty.review.md"]);
    expect(read(dir, (forced.backups as string[])[0] as string)).toBe("my own review steps\n");
    const before = snapshotTree(dir);
    const again = await configJson(dir, "sync");
    expect(again.written).toEqual([]);
    expect(snapshotTree(dir)).toEqual(before);
  });

  test("sync records the files of a project set up before the manifest existed", async () => {
    const dir = await project("claude");
    rmSync(join(dir, ".kittify/owned-files.json"));
    const status = await config(dir, "status");
    expect(status.stdout).toContain("No .kittify/owned-files.json yet");
    const out = await configJson(dir, "sync");
    expect(out.written).toEqual([]);
    expect(manifestPaths(dir)).toHaveLength(4 + COMMANDS);
  });

  test("codex and pi share .agents/skills: one folder per command for both, back to codex's own on remove", async () => {
    const dir = await project("codex");
    const skill = ".agents/skills/spec-kitty.implement/SKILL.md";
    const codexOnly = read(dir, skill);
    expect(codexOnly).toContain("--agent codex");
    await configJson(dir, "add", "pi");
    expect(read(dir, skill)).toContain("--agent <agent>");
    expect(read(dir, skill)).toContain("shared by codex, pi");
    expect(listFiles(join(dir, ".agents/skills"))).toHaveLength(COMMANDS);
    await configJson(dir, "remove", "pi");
    expect(read(dir, skill)).toBe(codexOnly);
    await configJson(dir, "remove", "codex");
    expect(existsSync(join(dir, ".agents"))).toBe(false);
  });

  test("list shows configured and available agents", async () => {
    const dir = await project("claude,codex");
    const out = await configJson(dir, "list");
    expect((out.configured as { key: string }[]).map((a) => a.key)).toEqual(["claude", "codex"]);
    expect(out.available).toContain("kiro");
    const text = await config(dir, "list");
    expect(text.stdout).toContain("✓ codex (.agents/skills/)");
  });

  test("bad input: unknown agents (exit 1, valid keys listed), agents not configured, outside a project", async () => {
    const dir = await project("claude");
    const before = snapshotTree(dir);
    const unknown = await config(dir, "add", "claude,nope");
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("nope");
    expect(unknown.stderr).toContain("kiro");
    const notConfigured = await config(dir, "remove", "gemini");
    expect(notConfigured.code).toBe(1);
    expect(notConfigured.stderr).toContain("configured agents: claude");
    expect(snapshotTree(dir)).toEqual(before);
    const outside = await config(tempDir(), "status");
    expect(outside.code).toBe(1);
    const usage = await config(dir, "add");
    expect(usage.code).toBe(2);
  });

  test("--dry-run changes nothing and says what would happen", async () => {
    const dir = await project("claude");
    const before = snapshotTree(dir);
    const out = await configJson(dir, "add", "gemini", "--dry-run");
    expect(out.result).toBe("dry_run");
    expect(out.written).toHaveLength(COMMANDS);
    expect(snapshotTree(dir)).toEqual(before);
  });
});
