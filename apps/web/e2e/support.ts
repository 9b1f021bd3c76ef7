import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { startTestApp, type TestApp, writeCopyFile } from "@portal/test-support";

const REPO = path.join(__dirname, "..", "..", "..");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const ARTIFACTS = path.join(REPO, "test-artifacts", "web");

const available = existsSync(CHROMIUM);
if (!available && process.env.REQUIRE_BROWSER === "1") {
  throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM}: apt-get install -y chromium`);
}
if (!available) {
  console.warn(
    [
      "",
      "################################################################################",
      `#  BROWSER TESTS SKIPPED: no Chromium at ${CHROMIUM}.`,
      "#  Install it with `apt-get install -y chromium` (CI does, and sets REQUIRE_BROWSER=1).",
      "################################################################################",
      "",
    ].join("\n"),
  );
}

/** `describe` when Chromium is installed, otherwise a loud skip (a failure with REQUIRE_BROWSER=1). */
export const describeInBrowser: jest.Describe = available ? describe : describe.skip;

/** A distinctive operator hint proves the SPA shows the API's copy, not a bundled text. */
export const CUSTOM_CONTRACT_HINT = {
  en: "Look at the top right of your monthly invoice, for example LSE-100234.",
  "fr-CA": "Regardez en haut à droite de votre facture mensuelle, par exemple LSE-100234.",
};

export interface Portal {
  app: TestApp;
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/**
 * The real API (fresh database, demo data) serving the built web app, and a headless Chromium. The API
 * runs the web app's operations only (trusted documents, from the build's manifest), as in production.
 */
export async function startPortal(env: Record<string, string> = {}): Promise<Portal> {
  const shipped = JSON.parse(readFileSync(path.join(REPO, "config", "portal-copy.json"), "utf8"));
  const demo = JSON.parse(readFileSync(path.join(REPO, "demo", "servicing-demo.json"), "utf8"));
  const app = await startTestApp(demo, {
    WEB_DIST_DIR: path.join(REPO, "apps", "web", "dist"),
    ALLOW_ARBITRARY_OPERATIONS: "false",
    MAIL_POLL_INTERVAL_MS: "100",
    PORTAL_COPY_FILE: writeCopyFile({
      hints: { ...shipped.hints, contractId: CUSTOM_CONTRACT_HINT },
    }),
    ...env,
  });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  return {
    app,
    browser,
    url: app.server.url,
    async close() {
      await browser.close();
      await app.close();
    },
  };
}

/** A request the page sent to /graphql (or the staff pages' /support/graphql), as it went on the wire. */
export interface GraphQLRequestSeen {
  endpoint: string;
  operationName: unknown;
  /** Whether it carried a `query` (a document) at all: the built app never does. */
  hasQuery: boolean;
  sha256Hash: unknown;
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and CSP reports seen so far. */
  problems: string[];
  /** Every /graphql and /support/graphql request the page sent. */
  graphql: GraphQLRequestSeen[];
}

export async function openPage(
  portal: Portal,
  options: { locale?: string; width?: number } = {},
): Promise<TestPage> {
  const context = await portal.browser.newContext({
    baseURL: portal.url,
    locale: options.locale ?? "en-US",
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(error.message));
  const graphql: GraphQLRequestSeen[] = [];
  page.on("request", (request) => {
    const endpoint = new URL(request.url()).pathname;
    if (endpoint !== "/graphql" && endpoint !== "/support/graphql") return;
    const body = (request.postDataJSON() ?? {}) as {
      operationName?: unknown;
      query?: unknown;
      extensions?: { persistedQuery?: { sha256Hash?: unknown } };
    };
    const search = new URL(request.url()).searchParams;
    graphql.push({
      endpoint,
      operationName: body.operationName,
      hasQuery: "query" in body || search.has("query"),
      sha256Hash: body.extensions?.persistedQuery?.sha256Hash,
    });
  });
  return { page, context, problems, graphql };
}

/** The page sent operations, each by its hash alone (trusted documents): no document on the wire. */
export function expectOnlyHashes(tab: TestPage, operations: string[]) {
  expect(tab.graphql.filter((r) => r.hasQuery || typeof r.sha256Hash !== "string")).toEqual([]);
  for (const r of tab.graphql) expect(r.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
  expect(tab.graphql.map((r) => r.operationName)).toEqual(expect.arrayContaining(operations));
}

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** axe-core's WCAG 2.0/2.1/2.2 A and AA rules plus best practices, on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate (not a <script> tag) so the page's Content-Security-Policy stays untouched.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{
            violations: {
              id: string;
              impact: string | null;
              help: string;
              nodes: { target: string[] }[];
            }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
}

/** Every page checked is recorded here, so a test can assert the whole list was covered. */
export const axeLog: { page: string; violations: number }[] = [];

export async function expectAccessible(page: Page, name: string) {
  // Lazy pages render after their chunk arrives: check the page, not the loading state.
  await page.locator("h1").first().waitFor();
  const violations = await axeViolations(page);
  axeLog.push({ page: name, violations: violations.length });
  expect({ page: name, violations }).toEqual({ page: name, violations: [] });
}

/** Full-page screenshots at desktop and 320 px widths into test-artifacts/web/. */
export async function screenshot(page: Page, name: string, widths: number[] = [1280, 320]) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    // Reflow check (WCAG 1.4.10): nothing wider than the viewport at 320 px.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect({ page: name, width, overflow }).toEqual({ page: name, width, overflow: 0 });
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(original);
}

/** The newest link of the given kind in the development mailbox page, as a path on this server. */
export async function linkFromMailbox(
  page: Page,
  to: string,
  kind: "verify" | "reset-password",
): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    await page.goto("/dev/mailbox");
    await page.getByRole("heading", { level: 1 }).waitFor();
    const mail = page.locator("li.mail", { hasText: `To ${to}` }).first();
    const link = mail.locator(`a[href*="/${kind}?token="]`).first();
    if ((await mail.count()) > 0 && (await link.count()) > 0) {
      const href = (await link.getAttribute("href"))!;
      const url = new URL(href);
      return `${url.pathname}${url.search}`;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no ${kind} mail for ${to} in the development mailbox`);
}

/** Presses Tab until the focused element matches, like a keyboard user looking for a control. */
export async function tabTo(
  page: Page,
  matches: (el: Element) => boolean,
  maxPresses = 30,
): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`focus never reached the wanted element after ${maxPresses} Tab presses`);
}

export const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      className: el.className,
      text: (el.textContent ?? "").trim().slice(0, 80),
      outline: style.outlineStyle !== "none" && style.outlineWidth !== "0px",
    };
  });

export const STRONG_PASSWORD = "violet anchor tundra 42 kettle";
