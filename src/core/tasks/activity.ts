/**
 * The `## Activity Log` section of a WP body: one line per status-relevant action,
 * `- 2026-03-02T10:00:00Z – claude – shell_pid=4242 – Moved to for_review` (en dashes, the
 * `shell_pid=… – ` part only when known). The section runs to the next `## ` heading or the end.
 */
export function activityLine(at: string, agent: string, shellPid: string, note: string): string {
  const pid = shellPid ? `shell_pid=${shellPid} – ` : "";
  return `- ${at} – ${agent} – ${pid}${note.replace(/\s*\n\s*/g, " ")}`;
}

/** `body` with `line` appended at the end of its Activity Log section (created at the end if absent). */
export function appendActivity(body: string, line: string): string {
  const header = /^## Activity Log[ \t]*$/m.exec(body);
  if (!header) {
    const base = body.endsWith("\n") ? body : `${body}\n`;
    return `${base}\n## Activity Log\n\n${line}\n`;
  }
  const sectionStart = header.index + header[0].length;
  const next = body.slice(sectionStart).search(/\n## /);
  const end = next === -1 ? body.length : sectionStart + next;
  const trimmed = body.slice(0, end).replace(/\s*$/, "");
  // An empty section keeps the blank line under its heading.
  const section = trimmed.length === sectionStart ? `${trimmed}\n` : trimmed;
  const rest = body.slice(end);
  return `${section}\n${line}\n${rest === "" ? "" : `\n${rest.replace(/^\n+/, "")}`}`;
}

/** The entries of the body's Activity Log section (its `- ` lines, without the dash), oldest first. */
export function activityEntries(body: string): string[] {
  const header = /^## Activity Log[ \t]*$/m.exec(body);
  if (!header) return [];
  const section = body.slice(header.index + header[0].length);
  const next = section.search(/\n## /);
  return (next === -1 ? section : section.slice(0, next))
    .split(/\r?\n/)
    .filter((line) => /^\s*[-*] /.test(line))
    .map((line) => line.replace(/^\s*[-*] /, "").trim());
}
