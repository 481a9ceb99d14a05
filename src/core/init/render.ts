import { type AgentSpec, commandFileName } from "../agents.ts";

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

/**
 * One slash-command file for one agent. `__AGENT__` becomes the agent key so the commands it teaches
 * name the agent, and `$ARGUMENTS` becomes the agent's own placeholder. The version marker lets a later
 * upgrade recognise files spec-kitty wrote.
 */
export function renderCommand(
  agent: AgentSpec,
  name: string,
  template: string,
  version: string,
): RenderedFile {
  const parsed = parseTemplate(name, template);
  const body = parsed.body.replaceAll("__AGENT__", agent.key).replaceAll("$ARGUMENTS", agent.argsPlaceholder);
  const marker = `spec-kitty-command-version: ${version}`;
  const content =
    agent.format === "toml"
      ? `# ${marker}\ndescription = ${JSON.stringify(parsed.description)}\n\nprompt = """\n${tomlMultiline(body)}"""\n`
      : `---\n${parsed.frontmatter}\n---\n<!-- ${marker} -->\n\n${body}`;
  return { path: `${agent.dir}/${commandFileName(agent, name)}`, content };
}
