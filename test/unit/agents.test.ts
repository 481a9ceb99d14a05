import { describe, expect, test } from "bun:test";
import {
  AGENT_KEYS,
  AGENTS,
  agentsSharing,
  commandPath,
  findAgent,
  invocation,
  SHARED_SKILLS_DIR,
} from "../../src/core/agents.ts";

const agent = (key: string) => {
  const found = findAgent(key);
  if (!found) throw new Error(`missing ${key}`);
  return found;
};

describe("agent table", () => {
  test("upstream 3.2's 16 agents in picker order, plus roo (dropped upstream, still read by Roo Code)", () => {
    expect(AGENT_KEYS).toEqual([
      "copilot",
      "claude",
      "gemini",
      "cursor",
      "qwen",
      "opencode",
      "codex",
      "windsurf",
      "kilocode",
      "auggie",
      "roo",
      "q",
      "kiro",
      "antigravity",
      "vibe",
      "pi",
      "letta",
    ]);
  });

  test("keys are unique; directories are unique except the shared skills root", () => {
    expect(new Set(AGENT_KEYS).size).toBe(AGENTS.length);
    const dirs = AGENTS.filter((a) => a.dir !== SHARED_SKILLS_DIR).map((a) => a.dir);
    expect(new Set(dirs).size).toBe(dirs.length);
    expect(AGENTS.filter((a) => a.dir === SHARED_SKILLS_DIR).map((a) => a.key)).toEqual([
      "codex",
      "pi",
      "letta",
    ]);
  });

  test("directories, formats and placeholders follow upstream 3.2 (commands in the project, not $HOME)", () => {
    const row = (key: string) => {
      const a = agent(key);
      return [a.dir, a.ext, a.format, a.argsPlaceholder].join(" ");
    };
    expect(row("copilot")).toBe(".github/prompts prompt.md markdown $ARGUMENTS");
    expect(row("claude")).toBe(".claude/commands md markdown $ARGUMENTS");
    expect(row("gemini")).toBe(".gemini/commands toml toml {{args}}");
    expect(row("qwen")).toBe(".qwen/commands toml toml {{args}}");
    expect(row("opencode")).toBe(".opencode/command md markdown $ARGUMENTS");
    expect(row("codex")).toBe(".agents/skills SKILL.md skill ");
    expect(row("auggie")).toBe(".augment/commands md markdown $ARGUMENTS");
    expect(row("q")).toBe(".amazonq/prompts md markdown $ARGUMENTS");
    expect(row("kiro")).toBe(".kiro/prompts md markdown $ARGUMENTS");
    expect(row("antigravity")).toBe(".agent/workflows md markdown $ARGUMENTS");
    expect(row("vibe")).toBe(".vibe/skills SKILL.md skill ");
    expect(row("pi")).toBe(".agents/skills SKILL.md skill ");
  });

  test("paths: spec-kitty.<cmd>.<ext> for commands, spec-kitty.<cmd>/SKILL.md for skills (hyphens kept)", () => {
    expect(commandPath(agent("copilot"), "tasks-finalize")).toBe(
      ".github/prompts/spec-kitty.tasks-finalize.prompt.md",
    );
    expect(commandPath(agent("codex"), "tasks-finalize")).toBe(
      ".agents/skills/spec-kitty.tasks-finalize/SKILL.md",
    );
    expect(commandPath(agent("vibe"), "plan")).toBe(".vibe/skills/spec-kitty.plan/SKILL.md");
    expect(findAgent("nope")).toBeUndefined();
  });

  test("invocation tokens: codex $, pi /skill:, everyone else /", () => {
    expect(invocation(agent("codex"), "plan")).toBe("$spec-kitty.plan");
    expect(invocation(agent("pi"), "plan")).toBe("/skill:spec-kitty.plan");
    expect(invocation(agent("claude"), "plan")).toBe("/spec-kitty.plan");
  });

  test("agentsSharing lists the configured agents of one directory in table order", () => {
    expect(agentsSharing(SHARED_SKILLS_DIR, ["letta", "claude", "codex"]).map((a) => a.key)).toEqual([
      "codex",
      "letta",
    ]);
    expect(agentsSharing(".claude/commands", ["codex"])).toEqual([]);
  });
});
