/** charter.md as sections: `## ` headings with their text (any charter, ours or hand-written). */
export interface Section {
  heading: string;
  text: string;
}

export function sections(markdown: string): Section[] {
  const out: Section[] = [];
  let current: Section | null = null;
  let fence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      current = { heading: heading[1] as string, text: "" };
      out.push(current);
    } else if (current && !/^#\s/.test(line)) current.text += `${line}\n`;
  }
  return out.map((s) => ({ heading: s.heading, text: s.text.trim() }));
}

/** Bullet lines (`- x`, `* x`) of a text. */
export function bullets(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => /^\s*[-*]\s+\S/.test(line))
    .map((line) => line.trim());
}
