import { describe, expect, test } from "bun:test";
import { AGENT_KEYS, AGENTS, commandFileName, findAgent } from "../../src/core/agents.ts";

describe("agent table", () => {
  test("has the 13 upstream agents in picker order", () => {
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
      "antigravity",
    ]);
  });

  test("keys and directories are unique", () => {
    expect(new Set(AGENTS.map((a) => a.dir)).size).toBe(13);
    expect(new Set(AGENT_KEYS).size).toBe(13);
  });

  test("directories, formats and placeholders follow upstream", () => {
    const row = (key: string) => {
      const a = findAgent(key);
      if (!a) throw new Error(`missing ${key}`);
      return [a.dir, a.ext, a.format, a.argsPlaceholder].join(" ");
    };
    expect(row("copilot")).toBe(".github/prompts prompt.md markdown $ARGUMENTS");
    expect(row("claude")).toBe(".claude/commands md markdown $ARGUMENTS");
    expect(row("gemini")).toBe(".gemini/commands toml toml {{args}}");
    expect(row("qwen")).toBe(".qwen/commands toml toml {{args}}");
    expect(row("opencode")).toBe(".opencode/command md markdown $ARGUMENTS");
    expect(row("codex")).toBe(".codex/prompts md markdown $ARGUMENTS");
    expect(row("auggie")).toBe(".augment/commands md markdown $ARGUMENTS");
    expect(row("q")).toBe(".amazonq/prompts md markdown $ARGUMENTS");
    expect(row("antigravity")).toBe(".agent/workflows md markdown $ARGUMENTS");
  });

  test("file names: spec-kitty.<cmd>.<ext>, codex turns hyphens into underscores", () => {
    const codex = findAgent("codex");
    const copilot = findAgent("copilot");
    if (!codex || !copilot) throw new Error("missing agents");
    expect(commandFileName(codex, "tasks-finalize")).toBe("spec-kitty.tasks_finalize.md");
    expect(commandFileName(copilot, "tasks-finalize")).toBe("spec-kitty.tasks-finalize.prompt.md");
    expect(findAgent("nope")).toBeUndefined();
  });
});
