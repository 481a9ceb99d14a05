import { resolve } from "node:path";
import { defineCommand } from "citty";
import { io, untilStopSignal } from "../cli/io.ts";
import { printJson, say, style, warn } from "../cli/output.ts";
import { exportDashboard } from "../core/dashboard/export.ts";
import { openInBrowser } from "../core/dashboard/open.ts";
import { startDashboard } from "../core/dashboard/server.ts";
import { UsageError } from "../core/errors.ts";
import { jsonArg, parseStaleThreshold, staleThresholdArg } from "./_args.ts";
import { projectFromCwd } from "./_mission.ts";

function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(
      `--port must be a port number from 1 to 65535 (got '${value}')`,
      "or leave it out for any free port",
    );
  return port;
}

export default defineCommand({
  meta: {
    name: "dashboard",
    description:
      "Serve a live kanban of every mission on 127.0.0.1, or --export it as a static site\n" +
      "Runs in the foreground until Ctrl-C or SIGTERM (no daemon, nothing written) and prints the page's\n" +
      "URL, which carries a per-run token. Pages update within a second of any change to a status log,\n" +
      "WP file or lanes.json. --json prints {url, port, pid} on one line, then keeps serving.\n" +
      "--export DIR writes index.html, its assets and the data for CI artifacts, and exits.",
  },
  args: {
    port: { type: "string", description: "Port to listen on (default: any free port)", valueHint: "N" },
    open: { type: "boolean", description: "Open the page in the default browser" },
    export: {
      type: "string",
      description: "Write a static copy to DIR (new, empty, or an earlier export) and exit",
      valueHint: "DIR",
    },
    ...staleThresholdArg,
    ...jsonArg,
  },
  run: async ({ args }) => {
    const threshold = parseStaleThreshold(args.staleThreshold);
    const root = projectFromCwd();

    if (args.export !== undefined) {
      if (args.port !== undefined || args.open)
        throw new UsageError(
          "--export writes files and exits; --port and --open are for serving",
          "drop them",
        );
      if (args.export.trim() === "") throw new UsageError("--export needs a directory");
      const result = exportDashboard(root, resolve(io().cwd, args.export), io().env);
      if (args.json) printJson({ result: "success", ...result });
      else
        say(
          `Exported ${result.missions} missions (${result.work_packages} work packages) to ${result.dir}`,
          `Open ${style.cyan(`${result.dir}/index.html`)} in a browser; no server is needed.`,
        );
      return;
    }

    const dashboard = startDashboard({
      root,
      port: parsePort(args.port),
      view: { staleThresholdMin: threshold, env: io().env },
    });
    try {
      // One compact line, so a caller can read it while the server keeps running.
      if (args.json) printJson({ url: dashboard.url, port: dashboard.port, pid: io().pid }, 0);
      else
        say(
          `spec-kitty dashboard: ${dashboard.missions} missions in ${root}`,
          `  ${style.cyan(dashboard.url)}`,
          style.dim("Read-only, live. Ctrl-C to stop."),
        );
      if (args.open && !openInBrowser(dashboard.url, io().env))
        warn("could not start a browser here; open the URL above yourself");
      await untilStopSignal();
    } finally {
      await dashboard.stop();
    }
  },
});
