/** The charter section of a prompt file: the charter context for the prompt's action, or nothing. */
import { charterActionFor, charterContext } from "../../charter/context.ts";

export function charterBlock(root: string, action: string | null): string {
  const scoped = charterActionFor(action);
  if (scoped === null) return "";
  return `## Project charter\n\n${charterContext(root, scoped).text}\n\n`;
}
