import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { parse as parseYaml } from "yaml";
import { AGENTS, type AgentSpec, findAgent } from "../../src/core/agents.ts";
import { parseProjectConfig, parseProjectMetadata } from "../../src/core/config.ts";
import { SpecKittyError } from "../../src/core/errors.ts";
import { type Environment, planFiles, renderConfig, renderMetadata } from "../../src/core/init/files.ts";
import { agentsReadmeBlock, README_END, README_START } from "../../src/core/init/readme.ts";
import { envForcesNonInteractive, parseAgentList } from "../../src/core/init/selection.ts";
import { agentCommandFiles } from "../../src/core/owned/plan.ts";
import { renderCommand } from "../../src/core/owned/render.ts";
import { COMMAND_TEMPLATES, MISSION_TEMPLATES } from "../../src/templates/index.ts";

const ENV: Environment = { platform: "linux", arch: "x64", now: new Date("2026-01-02T03:04:05.678Z") };
const agent = (key: string) => {
  const found = findAgent(key);
  if (!found) throw new Error(`no agent ${key}`);
  return found;
};
const agentFiles = (a: AgentSpec, version: string) => agentCommandFiles(a, [a.key], version);
/** Commands whose template names the agent (`__AGENT__`); the others (charter, analyze, …) need no key. */
const NAMING = new Set(
  COMMAND_TEMPLATES.filter(([, text]) => text.includes("__AGENT__")).map(([name]) => name),
);
const namesAgent = (path: string) =>
  NAMING.has(/spec-kitty\.([a-z-]+)(\/SKILL\.md|\.[a-z.]+)$/.exec(path)?.[1] ?? "");

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return error instanceof SpecKittyError ? error.code : "NOT_SPEC_KITTY_ERROR";
  }
  return "NO_ERROR";
}

describe("--ai parsing", () => {
  test("trims, lower-cases, accepts ; and de-duplicates in order", () => {
    expect(parseAgentList(" Codex ; claude,CODEX,, gemini ").map((a) => a.key)).toEqual([
      "codex",
      "claude",
      "gemini",
    ]);
  });
  test("empty and separator-only values are errors", () => {
    expect(errorCode(() => parseAgentList(""))).toBe("INIT_NO_AGENTS");
    expect(errorCode(() => parseAgentList(",;"))).toBe("INIT_NO_AGENTS");
  });
  test("unknown keys are all named, with the valid list", () => {
    try {
      parseAgentList("codex,foo,bar");
      throw new Error("expected an error");
    } catch (error) {
      expect(error).toBeInstanceOf(SpecKittyError);
      const e = error as SpecKittyError;
      expect(e.code).toBe("INIT_UNKNOWN_AGENT");
      expect(e.message).toContain("foo, bar");
      expect(e.fix).toContain("antigravity");
    }
  });
  test("SPEC_KITTY_NON_INTERACTIVE truthy values", () => {
    for (const v of ["1", "true", "YES", "y", "On"])
      expect(envForcesNonInteractive({ SPEC_KITTY_NON_INTERACTIVE: v })).toBe(true);
    for (const v of [undefined, "", "0", "false", "no"])
      expect(envForcesNonInteractive({ SPEC_KITTY_NON_INTERACTIVE: v })).toBe(false);
  });
});

describe("slash-command rendering", () => {
  test("TOML agents get valid TOML whose prompt is the body with {{args}}", () => {
    for (const key of ["gemini", "qwen"]) {
      for (const file of agentFiles(agent(key), "9.9.9")) {
        const doc = parseToml(file.content) as { description: string; prompt: string };
        expect(doc.description.length).toBeGreaterThan(10);
        expect(doc.prompt).toContain("{{args}}");
        expect(doc.prompt).not.toContain("$ARGUMENTS");
        expect(doc.prompt).not.toContain("__AGENT__");
        if (namesAgent(file.path)) expect(doc.prompt).toContain(`--agent ${key}`);
      }
    }
  });

  test("TOML escaping survives backslashes and triple quotes", () => {
    const template = '---\ndescription: x "quoted"\n---\n\nA \\ backslash and """ quotes $ARGUMENTS\n';
    const file = renderCommand([agent("gemini")], "odd", template, "1.0.0");
    const doc = parseToml(file.content) as { description: string; prompt: string };
    expect(doc.description).toBe('x "quoted"');
    expect(doc.prompt).toBe('A \\ backslash and """ quotes {{args}}\n');
  });

  test("Markdown agents start with YAML frontmatter holding a description", () => {
    for (const a of AGENTS.filter((x) => x.format === "markdown")) {
      for (const file of agentFiles(a, "9.9.9")) {
        const match = /^---\n([\s\S]*?)\n---\n/.exec(file.content);
        expect(match).not.toBeNull();
        const front = parseYaml(match?.[1] ?? "") as { description?: string };
        expect(typeof front.description).toBe("string");
        expect(file.content).toContain("$ARGUMENTS");
        expect(file.content).not.toContain("__AGENT__");
        if (namesAgent(file.path)) expect(file.content).toContain(`--agent ${a.key}`);
      }
    }
  });

  test("skills: frontmatter name + description only, no placeholder, the agent named, its own invocation", () => {
    for (const key of ["codex", "vibe", "pi", "letta"]) {
      const files = agentFiles(agent(key), "9.9.9");
      expect(files).toHaveLength(COMMAND_TEMPLATES.length);
      for (const file of files) {
        const match = /^---\n([\s\S]*?)\n---\n/.exec(file.content);
        const front = parseYaml(match?.[1] ?? "") as Record<string, unknown>;
        const name = /spec-kitty\.([a-z-]+)\/SKILL\.md$/.exec(file.path)?.[1];
        expect(Object.keys(front)).toEqual(["name", "description"]);
        expect(front.name).toBe(`spec-kitty.${name}`);
        expect(String(front.description).length).toBeGreaterThan(10);
        expect(file.content).not.toContain("$ARGUMENTS");
        expect(file.content).not.toContain("__AGENT__");
        expect(file.content).not.toContain("spec-kitty-command-version");
        if (namesAgent(file.path)) expect(file.content).toContain(`--agent ${key}`);
      }
    }
    const next = agentFiles(agent("codex"), "1").find((f) => f.path.endsWith("spec-kitty.next/SKILL.md"));
    expect(next?.content).toContain("`$spec-kitty.specify`");
    expect(next?.content).not.toContain("/spec-kitty.");
  });

  test("one skill file for several agents of the shared root names them and says <agent>", () => {
    const shared = agentCommandFiles(agent("codex"), ["codex", "pi", "claude"], "1");
    const plan = shared.find((f) => f.path === ".agents/skills/spec-kitty.plan/SKILL.md");
    expect(plan?.agents).toEqual(["codex", "pi"]);
    expect(plan?.content).toContain("shared by codex, pi");
    expect(plan?.content).toContain("--agent <agent>");
    expect(plan?.content).toContain("`spec-kitty.tasks`");
    expect(agentCommandFiles(agent("pi"), ["codex", "pi"], "1")).toEqual(shared);
  });

  test("implement teaches agent action implement; nothing teaches top-level implement", () => {
    const implement = agentFiles(agent("claude"), "1").find((f) =>
      f.path.endsWith("spec-kitty.implement.md"),
    );
    expect(implement?.content).toContain("spec-kitty agent action implement <WP> --agent claude");
    const all = [...COMMAND_TEMPLATES, ...MISSION_TEMPLATES].map(([, text]) => text).join("\n");
    expect(all).not.toMatch(/spec-kitty implement\b/);
    expect(all).toContain("spec-kitty next --agent __AGENT__ --mission <slug>");
    expect(NAMING.size).toBeGreaterThanOrEqual(10);
  });

  test("commands map to the real CLI calls", () => {
    const text = (name: string) => COMMAND_TEMPLATES.find(([n]) => n === name)?.[1] ?? "";
    expect(text("specify")).toContain("spec-kitty agent mission create <slug> --json");
    expect(text("plan")).toContain("spec-kitty agent mission setup-plan --mission <slug> --json");
    expect(text("tasks")).toContain("spec-kitty agent mission finalize-tasks --mission <slug> --json");
    expect(text("status")).toContain("spec-kitty agent tasks status --mission <slug>");
    expect(text("accept")).toContain("spec-kitty accept --mission <slug>");
    expect(text("merge")).toContain("spec-kitty merge --mission <slug>");
    expect(text("review")).toContain("spec-kitty agent action review <WP> --agent __AGENT__");
    expect(text("review")).toContain("move-task <WP> --to approved --mission <slug>");
    expect(text("review")).toContain("--to planned --mission <slug> --review-feedback-file <file>");
  });
});

describe("project files", () => {
  test("config.yaml and metadata.yaml validate with their own schemas", () => {
    const config = parseProjectConfig(renderConfig(["codex", "claude"]));
    expect(config.agents).toEqual({ available: ["codex", "claude"], autoCommit: true });
    const meta = parseProjectMetadata(renderMetadata("3.1.1-rc.1", ENV));
    expect(meta.spec_kitty.version).toBe("3.1.1-rc.1");
    expect(meta.spec_kitty.initialized_at).toBe("2026-01-02T03:04:05+00:00");
    expect(meta.spec_kitty.last_upgraded_at).toBeNull();
    // spec-kitty 3.2 gates every command on these; 3.0 and 3.1 ignore them.
    expect(meta.spec_kitty.schema_version).toBe(3);
    expect(meta.spec_kitty.schema_capabilities).toEqual({
      canonical_context: true,
      event_log_authority: true,
      ownership_manifest: true,
      thin_shims: true,
    });
    expect(meta.environment).toEqual({ platform: "linux", arch: "x64" });
    expect(meta.migrations?.applied).toEqual([]);
    expect(renderMetadata("1", ENV).startsWith("# ")).toBe(true);
  });

  test("a version YAML would misread stays a string", () => {
    expect(parseProjectMetadata(renderMetadata("3.1", ENV)).spec_kitty.version).toBe("3.1");
  });

  test("the plan is deterministic apart from the metadata timestamp", () => {
    const a = planFiles(AGENTS, "1.0.0", ENV);
    const b = planFiles(AGENTS, "1.0.0", { ...ENV, now: new Date("2030-01-01T00:00:00Z") });
    expect(a.map((f) => f.path)).toEqual(b.map((f) => f.path));
    const differ = a.filter((f, i) => f.content !== b[i]?.content).map((f) => f.path);
    expect(differ).toEqual([".kittify/metadata.yaml"]);
    // config, metadata, 4 mission templates, the manifest; 13 commands for each directory
    const dirs = new Set(AGENTS.map((x) => x.dir)).size;
    expect(new Set(a.map((f) => f.path)).size).toBe(7 + COMMAND_TEMPLATES.length * dirs);
  });

  test("config.yaml of every era: 3.2's extra sections kept aside, 3.0's `tools` section and top-level auto_commit", () => {
    const v32 =
      "vcs:\n  type: git\nagents:\n  available:\n  - claude\n  auto_commit: true\n  lint_on_edit: true\nproject:\n  uuid: u\nmerge:\n  strategy: squash\nactivated_directives:\n- a\ncharter: .kittify/charter/charter.yaml\n";
    expect(parseProjectConfig(v32).agents).toEqual({ available: ["claude"], autoCommit: true });
    const v30 = "tools:\n  available:\n  - codex\nauto_commit: true\nagents:\n";
    expect(parseProjectConfig(v30).agents).toEqual({ available: ["codex"], autoCommit: true });
  });

  test("invalid config is reported with the file name", () => {
    expect(() => parseProjectConfig("agents: [1, 2", "x/config.yaml")).toThrow(/x\/config\.yaml/);
    expect(() => parseProjectConfig("agents:\n  available: 3\n", "x/config.yaml")).toThrow(/x\/config\.yaml/);
  });
});

describe("README", () => {
  test("the agents block matches the code (run scripts/update-readme.ts if this fails)", () => {
    const readme = readFileSync(join(import.meta.dir, "..", "..", "README.md"), "utf8");
    const block = readme.slice(readme.indexOf(README_START), readme.indexOf(README_END) + README_END.length);
    expect(block).toBe(agentsReadmeBlock());
    for (const a of AGENTS) expect(block).toContain(`| \`${a.key}\` | ${a.name} | \`${a.dir}/\``);
  });
});
