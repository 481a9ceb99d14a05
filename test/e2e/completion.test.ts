/**
 * Shell completion: the bash script loaded into a real bash, driven through COMP_WORDS/COMP_CWORD
 * exactly as bash's completion machinery calls it, with the compiled binary on PATH; and, in process,
 * that every command's flags and subcommands offered are exactly the command tree's (no hand-written
 * lists can drift).
 */
import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { ArgsDef, CommandDef } from "citty";
import { complete } from "../../src/cli/complete.ts";
import { describe as describeSub } from "../../src/cli/help.ts";
import { resolveValue } from "../../src/cli/resolve.ts";
import root from "../../src/commands/index.ts";
import { AGENT_KEYS } from "../../src/core/agents.ts";
import { STATUS_LANES } from "../../src/core/status/lane.ts";
import { tempDir } from "../support/fs.ts";
import { BIN, runBin } from "../support/run.ts";
import { loopProject, SLUG } from "./loop-setup.ts";

/** Loads the script from `spec-kitty completion bash` into bash and completes `line` (cursor at the end). */
async function bashComplete(
  cwd: string,
  line: string,
): Promise<{ candidates: string[]; registration: string }> {
  const script = join(tempDir(), "spec-kitty.bash");
  const generated = await runBin(["completion", "bash"], { cwd });
  expect(generated.code).toBe(0);
  writeFileSync(script, generated.stdout);
  const words = line.split(" ");
  const driver = [
    `source '${script}'`,
    "complete -p spec-kitty",
    `COMP_WORDS=(${words.map((w) => `'${w}'`).join(" ")})`,
    `COMP_CWORD=${words.length - 1}`,
    `COMP_LINE='${line}'`,
    `COMP_POINT=${line.length}`,
    "_spec_kitty_complete",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: bash syntax, not a JS placeholder
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join("\n");
  const proc = Bun.spawnSync(["bash", "--norc", "--noprofile", "-c", driver], {
    cwd,
    env: { PATH: `${dirname(BIN)}:/usr/bin:/bin`, HOME: cwd, NO_COLOR: "1" },
  });
  expect(proc.stderr.toString()).toBe("");
  const [registration = "", ...candidates] = proc.stdout.toString().trimEnd().split("\n");
  return { registration, candidates: candidates.filter((c) => c !== "") };
}

describe("bash completion (a real bash)", () => {
  test("registers a completion function for spec-kitty", async () => {
    const { registration } = await bashComplete(tempDir(), "spec-kitty ");
    expect(registration).toBe("complete -o default -o nosort -F _spec_kitty_complete spec-kitty");
  });

  test("commands, subcommands, flags, lanes, missions and WP ids of the current project", async () => {
    const p = await loopProject();
    const at = (line: string) => bashComplete(p.root, line).then((r) => r.candidates);
    expect(await at("spec-kitty ag")).toEqual(["agent"]);
    expect(await at("spec-kitty agent ta")).toEqual(["tasks"]);
    expect(await at("spec-kitty agent tasks mo")).toEqual(["move-task"]);
    expect(await at("spec-kitty agent tasks move-task ")).toEqual(["WP01", "WP02", "WP03", "WP04"]);
    expect(await at("spec-kitty agent tasks move-task WP01 --to ")).toEqual([...STATUS_LANES, "doing"]);
    expect(await at("spec-kitty agent tasks move-task WP01 --to in_")).toEqual(["in_progress", "in_review"]);
    expect(await at("spec-kitty next --mission ")).toEqual([SLUG, SLUG.replace(/^\d+-/, "")]);
    expect(await at("spec-kitty next --agent cl")).toEqual(["claude"]);
    expect(await at("spec-kitty init --ai claude,co")).toEqual(["claude,copilot", "claude,codex"]);
    expect(await at("spec-kitty mission info 0")).toEqual([SLUG]);
    expect(await at("spec-kitty charter context --action ")).toEqual([
      "specify",
      "plan",
      "implement",
      "review",
    ]);
    expect(await at("spec-kitty completion ")).toEqual(["bash", "zsh", "fish", "powershell"]);
    expect(await at("spec-kitty doctor --")).toEqual(["--fix", "--stale-after", "--json", "--help"]);
    expect(await at("spec-kitty agent tasks move-task WP01 --mission ")).toEqual([
      SLUG,
      SLUG.replace(/^\d+-/, ""),
    ]);
  });

  test("outside a project: commands still complete, project names offer nothing", async () => {
    const dir = tempDir();
    expect((await bashComplete(dir, "spec-kitty up")).candidates).toEqual(["upgrade"]);
    expect((await bashComplete(dir, "spec-kitty next --mission ")).candidates).toEqual([]);
  });
});

describe("completion follows the command tree", () => {
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

  test("every command's subcommands and flags are offered exactly", async () => {
    const cwd = tempDir();
    let checked = 0;
    const walk = async (cmd: CommandDef, path: string[]): Promise<void> => {
      const subs = (await resolveValue(cmd.subCommands)) ?? {};
      const visible: string[] = [];
      for (const [name, sub] of Object.entries(subs))
        if (!(await describeSub(sub as never)).hidden) visible.push(name);
      if (visible.length) expect(await complete(root, [...path, ""], cwd)).toEqual(visible);
      const args: ArgsDef = (await resolveValue(cmd.args)) ?? {};
      const flags = Object.entries(args)
        .filter(([, def]) => def.type !== "positional")
        .map(([key]) => `--${kebab(key)}`);
      expect(await complete(root, [...path, "--"], cwd)).toEqual([...flags, "--help"]);
      checked++;
      for (const [name, sub] of Object.entries(subs))
        await walk((await resolveValue(sub)) as CommandDef, [...path, name]);
    };
    await walk(root as CommandDef, []);
    expect(checked).toBeGreaterThan(50);
  });

  test("agent keys come from the agent table", async () => {
    expect(await complete(root, ["agent", "config", "add", ""], tempDir())).toEqual([...AGENT_KEYS]);
  });

  test("the scripts for every shell hand the words to __complete; an unknown shell is a usage error", async () => {
    for (const shell of ["bash", "zsh", "fish", "powershell"]) {
      const r = await runBin(["completion", shell], { cwd: tempDir() });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("spec-kitty __complete --");
    }
    expect((await runBin(["completion", "tcsh"], { cwd: tempDir() })).code).toBe(2);
    const help = await runBin(["__complete", "--", "init", "--help", ""], { cwd: tempDir() });
    expect(help.stdout).toBe("");
  });
});
