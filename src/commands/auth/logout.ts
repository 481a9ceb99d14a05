import { defineCommand } from "citty";
import { io } from "../../cli/io.ts";
import { printJson, say } from "../../cli/output.ts";
import { logout } from "../../core/auth/account.ts";
import { jsonArg } from "../_args.ts";

export default defineCommand({
  meta: {
    name: "logout",
    description:
      "End the session by removing the stored credentials\n" +
      "Removes ~/.spec-kitty/credentials even when the tokens have expired or the file is corrupt.\n" +
      "Queued events stay in the local queue for the next login.",
  },
  args: { ...jsonArg },
  run: async ({ args }) => {
    const result = await logout(io().env);
    if (args.json) return printJson(result);
    if (!result.removed) say("Not logged in; nothing to remove.");
    else say(result.username ? `Logged out ${result.username}.` : "Logged out.");
  },
});
