/**
 * The dashboard's page, style sheet and script are real files imported as text (`with { type: "text" }`):
 * Bun embeds them in the binary, and these declarations tell the type checker what such an import
 * yields. The page is named exactly because Bun's own types claim `*.html` (as an HTML bundle); the
 * script is named `*.client.js` so it cannot be mistaken for a module of the program.
 */
declare module "*/dashboard.html" {
  const text: string;
  export default text;
}
declare module "*.css" {
  const text: string;
  export default text;
}
declare module "*.client.js" {
  const text: string;
  export default text;
}
