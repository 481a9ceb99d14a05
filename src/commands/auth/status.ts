import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { printJson, say, style, warn } from "../../cli/output.ts";
import { authStatus, type TokenState } from "../../core/auth/status.ts";
import { jsonArg } from "../_args.ts";

/** Remaining time floored into one unit: 42s, 14m, 5h, 6d. */
function span(seconds: number): string {
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}

function describe(token: TokenState | null, whenExpired: string): string {
  if (!token || token.remaining_s === null) return style.yellow("expiry unknown");
  if (token.valid) return `${style.green("valid")}, expires in ${span(token.remaining_s)}`;
  return `${style.red("expired")} (${whenExpired})`;
}

export default defineCommand({
  meta: {
    name: "status",
    description:
      "Show who is logged in, to which server, and how long the tokens last\n" +
      "Reads local files only (no network). Exits 0 whether or not you are logged in; check\n" +
      "`authenticated` in --json output. Use `spec-kitty sync now` to test the session against the server.",
  },
  args: { ...jsonArg },
  run: ({ args }) => {
    const status = authStatus(io().env);
    if (args.json) return printJson(status);
    if (!status.logged_in_file) {
      say("Not logged in.", "Run `spec-kitty auth login` to log in.");
      return;
    }
    const who = status.team_slug ? `${status.username} (team ${status.team_slug})` : `${status.username}`;
    say(
      status.authenticated ? `Logged in as ${who}` : `Session expired for ${who}`,
      `Server:        ${status.server}`,
      `Access token:  ${describe(status.access, "refreshed automatically on next use")}`,
      `Refresh token: ${describe(status.refresh, "run `spec-kitty auth login`")}`,
    );
    if (status.server_mismatch && status.configured_server) {
      warn(
        `the configured server is ${status.configured_server.url} but this session belongs to ${status.server}; ` +
          "sync keeps using the session's server until you run `spec-kitty auth login --force`",
      );
    }
  },
});
