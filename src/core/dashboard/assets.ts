/**
 * The page, style sheet and script of the dashboard, embedded in the binary (no CDN, no files read at
 * run time). The same three files serve the live page and the static export; the export adds its data
 * as one more script.
 */

import script from "../../web/dashboard.client.js" with { type: "text" };
import css from "../../web/dashboard.css" with { type: "text" };
import html from "../../web/dashboard.html" with { type: "text" };

export interface Asset {
  type: string;
  body: string;
}

/** Served next to the page, by these names. */
export const ASSETS: Readonly<Record<string, Asset>> = {
  "app.css": { type: "text/css; charset=utf-8", body: css },
  "app.js": { type: "text/javascript; charset=utf-8", body: script },
};

export const SNAPSHOT_SCRIPT = "data.js";

/** index.html; with `snapshot`, it loads `data.js` (the exported state) before the app script. */
export function pageHtml(snapshot: boolean): string {
  return html.replace("<!--snapshot-->", snapshot ? `<script src="${SNAPSHOT_SCRIPT}"></script>` : "");
}
