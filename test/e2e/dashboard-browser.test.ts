/**
 * The dashboard in a real browser (Debian's Chromium over the DevTools protocol, see
 * test/support/browser.ts), served by the compiled binary: the missions and cards, a live update from
 * a `move-task` run without a reload, the WP detail view, the static export opened from file:// with
 * the same cards, phone width, dark mode, no request leaving the server. Screenshots are saved to
 * test-artifacts/ (SPEC_KITTY_TEST_ARTIFACTS) for CI to keep.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, mkdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { ARTIFACTS, launchChromium, newContext } from "../support/browser.ts";
import { type RunningDashboard, startDashboardProcess } from "../support/dashboard.ts";
import { copyFixture, tempDir } from "../support/fs.ts";
import { runBin } from "../support/run.ts";

const TIMEOUT = 120_000;
const MISSION = "001-checkout-flow";

let browser: Browser;
let root: string;
let dash: RunningDashboard;

beforeAll(async () => {
  root = copyFixture("dashboard-demo");
  dash = await startDashboardProcess(root);
  browser = await launchChromium();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  if (dash) expect(await dash.stop()).toBe(0);
});

/** A fresh context (empty profile, no cache), one page, open at `url` and drawn. */
async function open(url: string, options: Parameters<typeof newContext>[1] = {}): Promise<Page> {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector("body[data-ready]");
  return page;
}

/**
 * Runs `expression` in the page. Written as source text: the tests are type-checked without the DOM
 * library, and this code runs in the browser, not in Bun.
 */
function inPage<T>(page: Page, expression: string): Promise<T> {
  return page.evaluate(expression) as Promise<T>;
}

/** Every card on the board: id → [column, lane]. */
function cards(page: Page): Promise<Record<string, [string, string]>> {
  return inPage(
    page,
    `Object.fromEntries([...document.querySelectorAll(".card")].map((el) => [el.dataset.wp, [el.dataset.column, el.dataset.lane]]))`,
  );
}

describe("the live page", () => {
  test(
    "lists every mission; a card shows its lane, dependencies and who works on it",
    async () => {
      const page = await open(`${dash.url}#/${MISSION}`);
      try {
        const missions = await page.locator(".mission").allTextContents();
        expect(missions).toHaveLength(3);
        expect(missions[0]).toContain("checkout flow");
        expect(missions[0]).toContain("implement");
        expect(missions[0]).toContain("01KQ8M3Z");
        expect(missions[1]).toContain("search index");
        expect(missions[1]).toContain("done");
        expect(missions[2]).toContain("onboarding tour");
        const wp03 = page.locator('.card[data-wp="WP03"]');
        expect(await wp03.getAttribute("data-lane")).toBe("in_progress");
        expect(await page.locator('section[data-column="doing"] .card[data-wp="WP03"]').count()).toBe(1);
        const text = (await wp03.textContent()) ?? "";
        expect(text).toContain("Checkout page");
        expect(text).toContain("claude");
        expect(text).toContain("✓ WP01");
        expect(text).toContain("1/3 subtasks");
        const wp04 = (await page.locator('.card[data-wp="WP04"]').textContent()) ?? "";
        expect(wp04).toContain("× WP02");
        expect(wp04).toContain("waiting");
        expect(await page.locator('.card[data-wp="WP05"] .tag.ready').count()).toBe(1);
        expect(await page.locator('.card[data-wp="WP02"] .tag.cycles').textContent()).toBe("1 review cycle");
        expect(await page.locator('section[data-column="blocked"] .card[data-wp="WP06"]').count()).toBe(1);
        mkdirSync(ARTIFACTS, { recursive: true });
        const shot = join(ARTIFACTS, "dashboard.png");
        await page.screenshot({ path: shot, fullPage: true });
        expect(statSync(shot).size).toBeGreaterThan(10_000);
      } finally {
        await page.context().close();
      }
    },
    TIMEOUT,
  );

  test(
    "a move-task run elsewhere updates the open page without a reload",
    async () => {
      const page = await open(`${dash.url}#/${MISSION}`);
      try {
        await inPage(page, `window.loadedOnce = "still here"`);
        expect(await page.locator('.card[data-wp="WP05"]').getAttribute("data-lane")).toBe("planned");
        const moved = await runBin(
          ["agent", "tasks", "move-task", "WP05", "--to", "doing", "--agent", "codex", "--mission", MISSION],
          { cwd: root },
        );
        expect(moved.code).toBe(0);
        await page.waitForSelector(
          'section[data-column="doing"] .card[data-wp="WP05"][data-lane="in_progress"]',
        );
        expect(await inPage(page, "window.loadedOnce")).toBe("still here");
        expect(await page.locator('.mission[data-mission="001-checkout-flow"]').textContent()).not.toContain(
          "1 ready",
        );
        // Missions appearing and disappearing on disk join and leave the overview, in order.
        const extra = join(root, "kitty-specs", "000-kickoff");
        cpSync(join(root, "kitty-specs", "003-onboarding-tour"), extra, { recursive: true });
        await page.waitForSelector('.mission[data-mission="000-kickoff"]');
        expect(
          await inPage(page, `[...document.querySelectorAll(".mission")].map((el) => el.dataset.mission)`),
        ).toEqual(["000-kickoff", "001-checkout-flow", "002-search-index", "003-onboarding-tour"]);
        rmSync(extra, { recursive: true });
        await page.waitForSelector('.mission[data-mission="000-kickoff"]', { state: "detached" });
        expect(await inPage(page, "window.loadedOnce")).toBe("still here");
      } finally {
        await page.context().close();
      }
    },
    TIMEOUT,
  );

  test(
    "a card opens the WP's detail: dependencies, owned files, history, review feedback, activity",
    async () => {
      const page = await open(`${dash.url}#/${MISSION}`);
      try {
        await page.click('.card[data-wp="WP02"] a');
        await page.waitForSelector("#detail:not([hidden]) h2");
        const detail = (await page.locator("#detail").textContent()) ?? "";
        expect(detail).toContain("WP02 · Payment gateway");
        expect(detail).toContain("WP01: done");
        expect(detail).toContain("src/payments/**");
        expect(detail).toContain("in_review → planned");
        expect(detail).toContain("Webhook signatures are not checked");
        expect(detail).toContain("Prompt created.");
        expect(detail).toContain("work_package_id: WP02");
        expect(page.url()).toEndWith(`#/${MISSION}/WP02`);
        await page.click("#detail .close");
        await page.waitForSelector("#detail[hidden]", { state: "attached" });
      } finally {
        await page.context().close();
      }
    },
    TIMEOUT,
  );

  test(
    "nothing is fetched from anywhere but the dashboard itself",
    async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      try {
        await page.goto(`${dash.url}#/${MISSION}/WP02`);
        await page.waitForSelector("#detail:not([hidden]) h2");
        const origin = new URL(dash.url).origin;
        expect(requests.length).toBeGreaterThan(3);
        expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith("data:"))).toEqual(
          [],
        );
      } finally {
        await context.close();
      }
    },
    TIMEOUT,
  );

  test(
    "a phone-width screen: one column, nothing wider than the screen; dark mode follows the system",
    async () => {
      const phone = await open(`${dash.url}#/${MISSION}`, { width: 390, height: 844, colorScheme: "dark" });
      const desktop = await open(`${dash.url}#/${MISSION}`, { colorScheme: "light" });
      try {
        const layout = await inPage<{ scroll: number; width: number; lefts: number[] }>(
          phone,
          `({
            scroll: document.documentElement.scrollWidth,
            width: window.innerWidth,
            lefts: [...document.querySelectorAll("section.col")].map((el) => Math.round(el.getBoundingClientRect().left)),
          })`,
        );
        expect(layout.scroll).toBeLessThanOrEqual(layout.width);
        expect(new Set(layout.lefts).size).toBe(1);
        const luminance = async (page: Page) => {
          const color = await inPage<string>(page, "getComputedStyle(document.body).backgroundColor");
          const [r = 0, g = 0, b = 0] = (color.match(/\d+/g) ?? []).map(Number);
          return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
        };
        expect(await luminance(phone)).toBeLessThan(0.2);
        expect(await luminance(desktop)).toBeGreaterThan(0.8);
        mkdirSync(ARTIFACTS, { recursive: true });
        await phone.screenshot({ path: join(ARTIFACTS, "dashboard-phone-dark.png"), fullPage: true });
      } finally {
        await phone.context().close();
        await desktop.context().close();
      }
    },
    TIMEOUT,
  );
});

test(
  "the export opens from file:// with no server and shows the same cards",
  async () => {
    const out = join(tempDir(), "site");
    const exported = await runBin(["dashboard", "--export", out], { cwd: root });
    expect(exported.code).toBe(0);
    const live = await open(`${dash.url}#/${MISSION}`);
    const file = await open(`file://${out}/index.html#/${MISSION}`);
    try {
      expect(await cards(file)).toEqual(await cards(live));
      expect(Object.keys(await cards(file))).toHaveLength(6);
      expect(await file.locator("#live").textContent()).toBe("static snapshot");
      expect(await file.locator(".mission").count()).toBe(3);
      await file.click('.card[data-wp="WP02"] a');
      await file.waitForSelector("#detail:not([hidden]) h2");
      expect(await file.locator("#detail").textContent()).toContain("Webhook signatures are not checked");
    } finally {
      await live.context().close();
      await file.context().close();
    }
  },
  TIMEOUT,
);
