import pkg from "../package.json" with { type: "json" };

/** Fixed when the binary is built (the bundler inlines package.json); never read from the cwd. */
export const VERSION: string = pkg.version;
