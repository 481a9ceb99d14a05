import { defineCommand } from "citty";
import { lazy } from "../../cli/lazy.ts";

/** `spec-kitty agent config …`: which agents the project uses, and the health of their command files. */
export default defineCommand({
  meta: {
    name: "config",
    description:
      "Add, remove and repair the project's agents and their command files\n" +
      "Every file spec-kitty writes is recorded with its sha256 in .kittify/owned-files.json, so files\n" +
      "you edited are never overwritten or deleted without --force (and a backup).",
  },
  subCommands: {
    list: lazy("List the configured agents and the ones available", () => import("./config/list.ts")),
    add: lazy(
      "Add agents: write their command files and list them in config.yaml",
      () => import("./config/add.ts"),
    ),
    remove: lazy(
      "Remove agents: delete their unedited command files and drop them from config.yaml",
      () => import("./config/remove.ts"),
    ),
    status: lazy(
      "Report each agent's missing, outdated and edited command files",
      () => import("./config/status.ts"),
    ),
    sync: lazy(
      "Restore missing and outdated command files (edited ones only with --force)",
      () => import("./config/sync.ts"),
    ),
  },
});
