/**
 * Templates are real `.md` files imported as text (`with { type: "text" }`); Bun's bundler embeds them
 * in the binary, and this tells the type checker what such an import yields.
 */
declare module "*.md" {
  const text: string;
  export default text;
}

declare module "*.csv" {
  const text: string;
  export default text;
}
