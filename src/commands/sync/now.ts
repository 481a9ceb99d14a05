import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { printJson, say } from "../../cli/output.ts";
import { syncNow } from "../../core/sync/push.ts";
import { jsonArg } from "../_args.ts";

export default defineCommand({
  meta: {
    name: "now",
    description:
      "Push queued status events to the sync server now\n" +
      "Always obtains a valid access token first (refreshing it if needed), so it also checks the\n" +
      "session. Events go in batches of up to 1,000; accepted and duplicate events leave the queue,\n" +
      "rejected ones stay with a retry count. Exits 1 when the server cannot be reached.",
  },
  args: { ...jsonArg },
  run: async ({ args }) => {
    const report = await syncNow(io().env);
    if (args.json) return printJson(report);
    if (report.sent === 0) {
      say(`Session OK (${report.username} on ${report.server}); nothing queued.`);
      return;
    }
    say(
      `Sent ${report.sent} event(s) to ${report.server} in ${report.batches} batch(es): ` +
        `${report.accepted} accepted, ${report.duplicates} duplicate, ${report.rejected} rejected.`,
      `${report.remaining} event(s) left in the queue${report.rejected ? " (rejected ones are retried next time)" : ""}.`,
    );
  },
});
