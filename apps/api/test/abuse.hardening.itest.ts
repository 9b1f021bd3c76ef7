import { Browser, COMPLETE, SIGN_IN, STRONG_PASSWORD } from "./browser";
import { servicingFixture } from "./fixtures/servicing";
import { type TestApp, selfEnroll, startTestApp } from "./harness";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(servicingFixture, {}, { captureLogs: true });
});
afterAll(() => app.close());

test("pages and API answers carry security headers with a strict Content-Security-Policy", async () => {
  for (const response of [await fetch(`${app.server.url}/`), await fetch(`${app.server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"query":"{__typename}"}' })]) {
    const csp = response.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-powered-by")).toBeNull();
  }
});

test("CSRF prevention: a simple cross-site POST without a JSON content type is refused", async () => {
  const response = await fetch(`${app.server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ query: 'mutation { signOut { message } }' }),
  });
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/CSRF/i);
});

test("field suggestions are hidden", async () => {
  const response = await app.graphql(`{ enrollmentFieldLimit { field } }`);
  expect(response.status).toBe(400);
  expect(response.text).not.toMatch(/Did you mean/);
});

test("queries nested or aliased beyond the limits are refused", async () => {
  const aliases = Array.from({ length: 8 }, (_, i) => `a${i}: enrollmentFieldLimits { field }`).join(" ");
  expect((await app.graphql(`{ ${aliases} }`)).status).toBe(400);
});

test("introspection is off in production", async () => {
  const production = await startTestApp(undefined, {
    NODE_ENV: "production",
    SMTP_URL: "smtp://127.0.0.1:1",
    IP_HASH_SECRET: "a-long-random-production-secret",
  });
  try {
    const response = await production.graphql(`{ __schema { types { name } } }`);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/introspection/i);
  } finally {
    await production.close();
  }
});

test("passwords and tokens never reach the logs", async () => {
  await selfEnroll(app, { email: "ops@uk-customer.example", billingPostalCode: "SW1A 1AA", contractId: "UK-001" });
  const row = await app.db.prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: "ops@uk-customer.example" } });
  const token = /token=([A-Za-z0-9_-]+)/.exec(row.textBody)![1]!;
  const browser = new Browser(app);
  await browser.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } });
  await browser.gql(SIGN_IN, { input: { email: "ops@uk-customer.example", password: STRONG_PASSWORD } });
  await browser.gql(SIGN_IN, { input: { email: "ops@uk-customer.example", password: "a wrong password here" } });
  const logs = app.logs.join("\n");
  expect(app.logs.length).toBeGreaterThan(5);
  expect(logs).not.toContain(STRONG_PASSWORD);
  expect(logs).not.toContain("a wrong password here");
  expect(logs).not.toContain(token);
  expect(logs).not.toContain(browser.cookie!.split("=")[1]!);
  const audit = JSON.stringify(await app.db.prisma.auditEvent.findMany());
  expect(audit).not.toContain(STRONG_PASSWORD);
  expect(audit).not.toContain(token);
});
