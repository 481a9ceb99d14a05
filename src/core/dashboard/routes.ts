/**
 * Every request the dashboard answers, and every one it refuses. It is read-only by construction: GET
 * and HEAD only, and no route writes. Nothing is served from disk by path: the assets are in memory and
 * a mission or WP in a URL is only looked up among the views, so `..`, encoded slashes or symlinks
 * cannot reach a file. Two guards keep other local pages out: the per-run token (first path segment)
 * and the `Host` header, which must name this loopback server (a DNS-rebinding page sends its own).
 */
import { timingSafeEqual } from "node:crypto";
import { WP_ID_PATTERN } from "../../schema/wp-frontmatter.ts";
import { ASSETS, pageHtml } from "./assets.ts";
import type { LiveViews } from "./live.ts";
import type { EventHub } from "./sse.ts";

export interface RouteContext {
  token: string;
  /** The port the server listens on (known once it does). */
  port: () => number;
  project: string;
  views: LiveViews;
  hub: EventHub;
  /** Called for the event stream's request, so the server can lift its idle timeout. */
  onStream?: (request: Request) => void;
}

const SECURITY_HEADERS: Record<string, string> = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-resource-policy": "same-origin",
};

const PAGE_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function respond(
  status: number,
  body: string | null,
  type: string,
  extra: Record<string, string> = {},
): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, "content-type": type, ...extra } });
}

const text = (status: number, body: string, extra?: Record<string, string>) =>
  respond(status, `${body}\n`, "text/plain; charset=utf-8", extra);
const json = (body: string) => respond(200, body, "application/json; charset=utf-8");
const notFound = () => text(404, "not found");

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A path segment decoded, or null when it could name a path (separators, dot segments, bad escapes). */
function segment(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (value === "" || value === "." || value === ".." || /[/\\\0]/.test(value)) return null;
  return value;
}

/** The Host values this server accepts: the loopback address and `localhost`, with its port. */
export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function createHandler(ctx: RouteContext): (request: Request) => Response {
  return (request) => {
    const host = request.headers.get("host")?.toLowerCase() ?? "";
    if (!allowedHosts(ctx.port()).has(host))
      return text(403, "unknown Host: this server answers only to itself");
    if (request.method !== "GET" && request.method !== "HEAD")
      return text(405, "read-only: only GET and HEAD are allowed", { allow: "GET, HEAD" });
    const response = route(ctx, request);
    return request.method === "HEAD"
      ? new Response(null, { status: response.status, headers: response.headers })
      : response;
  };
}

function route(ctx: RouteContext, request: Request): Response {
  const url = new URL(request.url);
  if (url.search !== "") return notFound(); // no route takes a query: keep URLs exact
  const parts = url.pathname.split("/").slice(1);
  const token = parts[0];
  if (token === undefined || !sameToken(token, ctx.token)) return notFound();
  const rest = parts.slice(1);
  const path = rest.join("/");
  if (rest.length === 0) return respond(308, null, "text/plain", { location: `/${ctx.token}/` });
  if (path === "")
    return respond(200, pageHtml(false), "text/html; charset=utf-8", {
      "content-security-policy": PAGE_POLICY,
    });
  const asset = rest.length === 1 ? ASSETS[rest[0] as string] : undefined;
  if (asset && Object.hasOwn(ASSETS, rest[0] as string)) return respond(200, asset.body, asset.type);
  if (rest[0] !== "api") return notFound();
  if (path === "api/health")
    return json(
      JSON.stringify({
        status: "ok",
        project: ctx.project,
        missions: ctx.views.list().length,
        version: ctx.views.version,
        streams: ctx.hub.size,
      }),
    );
  if (path === "api/missions")
    return json(
      `{"project":${JSON.stringify(ctx.project)},"version":${ctx.views.version},"missions":${ctx.views.listJson()}}`,
    );
  if (path === "api/events") {
    if (request.method === "HEAD") return respond(200, null, "text/event-stream; charset=utf-8");
    ctx.onStream?.(request);
    // The version the stream starts after: a page whose full load is older reloads.
    return ctx.hub.open(
      request.signal,
      `retry: 1000\n\nevent: hello\ndata: {"version":${ctx.views.version}}\n\n`,
    );
  }
  if (rest[1] !== "missions") return notFound();
  const key = segment(rest[2]);
  if (key === null) return notFound();
  if (rest.length === 3) {
    const view = ctx.views.get(key);
    return view ? json(JSON.stringify(view)) : notFound();
  }
  const wp = segment(rest[4]);
  if (rest.length !== 5 || rest[3] !== "wps" || wp === null || !WP_ID_PATTERN.test(wp)) return notFound();
  const detail = ctx.views.detail(key, wp);
  return detail ? json(JSON.stringify(detail)) : notFound();
}
