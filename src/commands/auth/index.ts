import { defineCommand } from "citty";

export default defineCommand({
  meta: { name: "auth", description: "Log in to the sync server, check or end the session" },
  subCommands: {
    login: () => import("./login.ts").then((m) => m.default),
    status: () => import("./status.ts").then((m) => m.default),
    logout: () => import("./logout.ts").then((m) => m.default),
  },
});
