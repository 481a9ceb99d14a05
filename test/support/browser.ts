/**
 * A real headless browser for tests, benches and the README screenshot: Debian's Chromium (installed by
 * `.ci/run`), driven over the DevTools protocol by playwright-core. Nothing is downloaded. The binary
 * comes from `SPEC_KITTY_CHROMIUM` (default /usr/bin/chromium). Every launch gets a fresh profile
 * directory (playwright makes it under the temp dir, which is the run's temp root in tests, and removes
 * it), and every context is a fresh, empty session.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium } from "playwright-core";

export const CHROMIUM = process.env.SPEC_KITTY_CHROMIUM ?? "/usr/bin/chromium";

/** Where tests leave artifacts (screenshots) for CI to collect; ignored by git. */
export const ARTIFACTS =
  process.env.SPEC_KITTY_TEST_ARTIFACTS ?? join(import.meta.dir, "..", "..", "test-artifacts");

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's chromium (\`apt-get install chromium\`, as .ci/run does) or point SPEC_KITTY_CHROMIUM at one`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export interface ContextOptions {
  width?: number;
  height?: number;
  colorScheme?: "light" | "dark";
}

export function newContext(browser: Browser, options: ContextOptions = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? "light",
  });
}
