import { type AgentSpec, commandPath, invocation } from "../agents.ts";

export interface RenderedFile {
  /** Project-relative path with `/` separators. */
  path: string;
  content: string;
}

interface ParsedTemplate {
  description: string;
  /** The YAML frontmatter block as written in the template, without the `---` fences. */
  frontmatter: string;
  body: string;
}

/** Templates start with `---`, a YAML block holding at least `description:`, and `---`. */
function parseTemplate(name: string, text: string): ParsedTemplate {
  const match = /^---\n([\s\S]*?)\n---\n\n?([\s\S]*)$/.exec(text);
  const description = match ? /^description:\s*(.+)$/m.exec(match[1] ?? "")?.[1] : undefined;
  // A malformed embedded template is a build defect, not a user error; the unit tests catch it first.
  if (!match || description === undefined) throw new Error(`command template '${name}' lacks a description`);
  return { description: description.trim(), frontmatter: match[1] ?? "", body: match[2] ?? "" };
}

/** TOML multi-line basic strings treat `\` as an escape and end at `"""`; neutralise both. */
function tomlMultiline(text: string): string {
  return text.replaceAll("\\", "\\\\").replaceAll('"""', '""\\"');
}

/** A YAML scalar: bare when YAML reads it back as the same plain string, else double-quoted. */
function yamlScalar(value: string): string {
  const plain =
    /^[A-Za-z][^\n:#"'`{}[\]&*!|>%@]*$/.test(value) &&
    value === value.trim() &&
    !/^(true|false|null|yes|no|on|off|y|n|~)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** `/spec-kitty.<cmd>` mentions in a template, rewritten to how `agents` invoke that command. */
const COMMAND_MENTION = /\/spec-kitty\.([a-z][a-z-]*)/g;

/**
 * The agent-specific parts of a template body. With one agent, `__AGENT__` is its key and commands are
 * named as it invokes them. A skill file in a root several configured agents read (`.agents/skills/`)
 * is one file for all of them, so it names the agents once and lets each use its own key.
 */
function personalise(body: string, agents: readonly AgentSpec[]): string {
  const [only] = agents;
  if (agents.length === 1 && only) {
    return body
      .replaceAll("__AGENT__", only.key)
      .replace(COMMAND_MENTION, (_, command: string) => invocation(only, command));
  }
  const keys = agents.map((agent) => agent.key);
  const note = `\n\n(This skill is shared by ${keys.join(", ")}: use your own agent key where it says \`<agent>\`.)`;
  return body
    .replaceAll("__AGENT__", "<agent>")
    .replace(COMMAND_MENTION, (_, command: string) => `spec-kitty.${command}`)
    .replace(/^(# .*)$/m, `$1${note}`);
}

/** Skills have no arguments placeholder: the request is whatever the user wrote with the skill. */
const SKILL_INPUT = "(the text the user wrote when invoking this skill; may be empty)";

/**
 * One command file. `agents` are the agents that read this exact file: one, except for skills in a
 * shared root. Markdown and TOML files carry a version marker (upstream recognises its files by it);
 * skills carry the frontmatter skill loaders require (`name`, `description`).
 */
export function renderCommand(
  agents: readonly AgentSpec[],
  name: string,
  template: string,
  version: string,
): RenderedFile {
  const [agent] = agents;
  if (!agent) throw new Error(`command '${name}' rendered for no agent`);
  const parsed = parseTemplate(name, template);
  const body = personalise(parsed.body, agents);
  const path = commandPath(agent, name);
  const marker = `spec-kitty-command-version: ${version}`;
  switch (agent.format) {
    case "toml":
      return {
        path,
        content: `# ${marker}\ndescription = ${JSON.stringify(parsed.description)}\n\nprompt = """\n${tomlMultiline(body.replaceAll("$ARGUMENTS", agent.argsPlaceholder ?? ""))}"""\n`,
      };
    case "markdown":
      return {
        path,
        content: `---\n${parsed.frontmatter}\n---\n<!-- ${marker} -->\n\n${body.replaceAll("$ARGUMENTS", agent.argsPlaceholder ?? "")}`,
      };
    case "skill":
      return {
        path,
        content: `---\nname: spec-kitty.${name}\ndescription: ${yamlScalar(parsed.description)}\n---\n\n${body.replaceAll("$ARGUMENTS", SKILL_INPUT)}`,
      };
  }
}
