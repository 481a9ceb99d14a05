/**
 * Makes docs/dashboard.png, the README's screenshot: the compiled binary serves fixtures/dashboard-demo
 * and Debian's Chromium (SPEC_KITTY_CHROMIUM) photographs the page. Run
 * `npx bun run scripts/dashboard-screenshot.ts` after a visible change to the page.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildHost } from "../build.ts";
import { launchChromium, newContext } from "../test/support/browser.ts";
import { startDashboardProcess } from "../test/support/dashboard.ts";

const repo = join(import.meta.dir, "..");
const out = join(repo, "docs", "dashboard.png");
await buildHost();
const scratch = mkdtempSync(join(tmpdir(), "sk-shot-"));
const root = join(scratch, "dashboard-demo");
cpSync(join(repo, "fixtures", "dashboard-demo"), root, { recursive: true });
const dash = await startDashboardProcess(root);
const browser = await launchChromium();
try {
  const page = await (await newContext(browser, { width: 1280, height: 600 })).newPage();
  await page.goto(`${dash.url}#/001-checkout-flow`);
  await page.waitForSelector("body[data-ready]");
  mkdirSync(join(repo, "docs"), { recursive: true });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out} (${Math.round(statSync(out).size / 1024)} KB)`);
} finally {
  await browser.close();
  await dash.stop();
  rmSync(scratch, { recursive: true, force: true });
}
