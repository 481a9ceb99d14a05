import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

export default defineCommand({
  meta: { name: "auth", description: "Log in to the sync server, check or end the session" },
  subCommands: {
    login: lazy("Log in to the sync server and store the session", () => import("./login.ts")),
    status: lazy(
      "Show who is logged in, to which server, and how long the tokens last",
      () => import("./status.ts"),
    ),
    logout: lazy("End the session by removing the stored credentials", () => import("./logout.ts")),
  },
});
