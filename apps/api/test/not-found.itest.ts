import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type TestApp, startTestApp } from "@portal/test-support";

/** A stand-in for apps/web/dist: the customer pages' entry only. */
const dist = mkdtempSync(path.join(tmpdir(), "portal-web-"));
writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>customer pages</title>");

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(undefined, { WEB_DIST_DIR: dist });
});
afterAll(async () => {
  await app.close();
  rmSync(dist, { recursive: true, force: true });
});

const html = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

test.each(["/", "/verify", "/contracts", "/some/page-the-app-calls-not-found"])(
  "the web app's route %s still serves its page",
  async (route) => {
    const response = await fetch(`${app.server.url}${route}`, { headers: html });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("customer pages");
  },
);

test.each([
  ["GET", "/graphql/foo"],
  ["POST", "/graphql/foo"],
  ["GET", "/api/x"],
  ["GET", "/api"],
  ["GET", "/support/graphql/x"],
  ["GET", "/x.php"],
  ["GET", "/wp-admin/setup-config.php"],
  ["GET", "/assets/missing-chunk.js"],
  ["POST", "/unknown"],
  ["DELETE", "/verify"],
  ["PUT", "/"],
])("%s %s answers the API's JSON 404, not a page", async (method, route) => {
  const response = await fetch(`${app.server.url}${route}`, {
    method,
    headers: { ...html, "content-type": "application/json" },
    ...(method === "GET" ? {} : { body: "{}" }),
  });
  expect(response.status).toBe(404);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as { error?: unknown };
  expect(typeof body.error).toBe("string");
  // Express's own page echoes the method and path back ("Cannot GET /x.php").
  expect(JSON.stringify(body)).not.toMatch(/Cannot|\.php|missing-chunk|foo|unknown/);
});

test("an unknown path's answer is exactly the API's not-found error", async () => {
  const response = await fetch(`${app.server.url}/api/x`);
  expect(await response.json()).toEqual({ error: "Not found" });
});

test("the endpoints themselves still answer", async () => {
  const response = await app.graphql<{ __typename: string }>("{ __typename }");
  expect(response.status).toBe(200);
  expect(response.body.data).toEqual({ __typename: "Query" });
});
