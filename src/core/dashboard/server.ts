/**
 * `spec-kitty dashboard`: the live views served on the loopback interface by Bun's own HTTP server, in
 * the foreground of the command that started it (no daemon, no pid file: stopping the command stops
 * everything). File changes reach open pages as server-sent events.
 */
import { basename } from "node:path";
import { SpecKittyError } from "../errors.ts";
import type { ViewOptions } from "../views/cards.ts";
import { LiveViews } from "./live.ts";
import { createHandler } from "./routes.ts";
import { EventHub } from "./sse.ts";
import { type WatchOptions, watchProject } from "./watch.ts";

export const HOSTNAME = "127.0.0.1";

export interface DashboardOptions extends WatchOptions {
  root: string;
  /** A fixed port; 0 or absent: any free port. */
  port?: number;
  view: ViewOptions;
  /** A fixed token (tests); absent: a fresh random one. */
  token?: string;
  /**
   * How often missions with in-progress WPs are re-read (default 30 s): staleness changes with time
   * and with commits in lane worktrees, which no watched file records. No other mission is re-read.
   */
  staleRecheckMs?: number;
}

export interface Dashboard {
  /** The page, token included: the one URL to open. */
  url: string;
  port: number;
  token: string;
  missions: number;
  /** Stops watching, ends every open stream and closes the server. */
  stop(): Promise<void>;
}

function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function listen(port: number, fetch: (request: Request, server: Bun.Server<undefined>) => Response) {
  try {
    return Bun.serve({ hostname: HOSTNAME, port, fetch, idleTimeout: 30 });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "EADDRINUSE" || /in use/i.test(String((error as Error).message))) {
      throw new SpecKittyError("DASHBOARD_PORT_IN_USE", `port ${port} on ${HOSTNAME} is already in use`, {
        fix: "pick another --port, or leave it out to get a free one",
        details: { port },
      });
    }
    throw new SpecKittyError(
      "DASHBOARD_LISTEN_FAILED",
      `cannot listen on ${HOSTNAME}:${port}: ${String((error as Error).message)}`,
      {
        fix: "pick another --port, or leave it out to get a free one",
        details: { port },
      },
    );
  }
}

export function startDashboard(options: DashboardOptions): Dashboard {
  const views = new LiveViews(options.root, options.view);
  views.load();
  const hub = new EventHub();
  const token = options.token ?? randomToken();
  let server: Bun.Server<undefined> | null = null;
  const handler = createHandler({
    token,
    port: () => server?.port ?? 0,
    project: basename(options.root),
    views,
    hub,
    onStream: (request) => server?.timeout(request, 0),
  });
  server = listen(options.port ?? 0, (request) => handler(request));
  const publish = (keys: ReadonlySet<string> | null) => {
    for (const change of views.refresh(keys)) hub.send("change", JSON.stringify(change));
  };
  const watcher = watchProject(options.root, publish, options);
  const recheck =
    options.view.staleThresholdMin === null
      ? null
      : setInterval(() => {
          const keys = views.inProgressKeys();
          if (keys.size > 0) publish(keys);
        }, options.staleRecheckMs ?? 30_000);
  const port = server.port as number;
  const running = server;
  return {
    url: `http://${HOSTNAME}:${port}/${token}/`,
    port,
    token,
    missions: views.list().length,
    stop: async () => {
      if (recheck) clearInterval(recheck);
      watcher.close();
      hub.close(); // streams end cleanly, so pages see the end rather than a reset
      // Let finished responses drain; a client that holds a connection open does not hold up the stop.
      const drained = running.stop(false);
      const timer = setTimeout(() => running.stop(true), 1_000);
      await drained;
      clearTimeout(timer);
    },
  };
}
