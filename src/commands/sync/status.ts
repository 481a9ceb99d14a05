import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { printJson, say } from "../../cli/output.ts";
import { syncStatus } from "../../core/sync/status.ts";
import { jsonArg } from "../_args.ts";

export default defineCommand({
  meta: {
    name: "status",
    description:
      "Show the local event queue, the last sync and the server\nReads local files only (no network).",
  },
  args: { ...jsonArg },
  run: ({ args }) => {
    const status = syncStatus(io().env);
    if (args.json) return printJson(status);
    say(
      `Queued events: ${status.queued}${status.retrying ? ` (${status.retrying} rejected before, will retry)` : ""}`,
      `Last sync:     ${status.last_sync_at ?? "never"}`,
      `Server:        ${status.server ?? "none configured"}`,
      `Session:       ${status.authenticated ? `logged in as ${status.username}` : "not logged in (run `spec-kitty auth login`)"}`,
    );
  },
});
