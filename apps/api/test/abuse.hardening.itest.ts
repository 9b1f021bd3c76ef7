import {
  Browser,
  COMPLETE,
  SIGN_IN,
  STRONG_PASSWORD,
  servicingFixture,
  selfEnroll,
  startTestApp,
  useTestApp,
} from "@portal/test-support";

const app = useTestApp(servicingFixture, {}, { captureLogs: true });

test("pages and API answers carry security headers with a strict Content-Security-Policy", async () => {
  for (const response of [
    await fetch(`${app.server.url}/`),
    await fetch(`${app.server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query":"{__typename}"}',
    }),
  ]) {
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
    body: JSON.stringify({ query: "mutation { signOut { message } }" }),
  });
  expect(response.status).toBe(400);
  expect(await response.text()).toMatch(/CSRF/i);
});

test("field suggestions are hidden", async () => {
  const response = await app.graphql(`{ enrollmentFieldLimit { field } }`);
  expect(response.status).toBe(400);
  expect(response.text).not.toMatch(/Did you mean/);
});

/** Log lines (parsed) of the app since `from`, at `level` or above (pino: 30 info, 40 warn, 50 error). */
function logsSince(from: number, level: number): { msg: string; level: number; code?: string }[] {
  return app.logs
    .slice(from)
    .map((line) => JSON.parse(line) as { msg: string; level: number; code?: string })
    .filter((l) => l.level >= level);
}

test("enum value suggestions are hidden too", async () => {
  const response = await app.graphql(`{ portalCopy(language: EM) { portalName } }`);
  expect(response.status).toBe(400);
  expect(response.body.errors![0]!.message).toBe('Value "EM" does not exist in "Language" enum.');
  expect(response.text).not.toMatch(/Did you mean|"EN"/);
});

test("a document over the token limit is a 400 parse error, logged as the client's mistake", async () => {
  const from = app.logs.length;
  const response = await app.graphql(
    `{ ${Array.from({ length: 2100 }, () => "__typename").join(" ")} }`,
  );
  expect(response.status).toBe(400);
  expect(response.body.errors![0]!.extensions!.code).toBe("GRAPHQL_PARSE_FAILED");
  expect(response.body.errors![0]!.message).toMatch(/2000 tokens/);
  expect(logsSince(from, 50)).toEqual([]);
  expect(logsSince(from, 30).map((l) => l.msg)).toContain("client error in GraphQL request");
});

test("a subscription is refused as a request error (400), not logged as a failure", async () => {
  const from = app.logs.length;
  const response = await app.graphql(`subscription S { __typename }`);
  expect(response.status).toBe(400);
  expect(response.body.errors![0]!.message).toBe("This API has no subscriptions.");
  expect(logsSince(from, 50)).toEqual([]);
});

test("automatic persisted queries are off unless turned on, and a wrong hash is then the client's mistake", async () => {
  const persisted = (hash: string, query?: string) =>
    fetch(`${app.server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query,
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      }),
    });
  const off = await persisted("0".repeat(64));
  expect((await off.json()) as unknown).toMatchObject({
    errors: [{ extensions: { code: "PERSISTED_QUERY_NOT_SUPPORTED" } }],
  });

  const on = await startTestApp(
    undefined,
    { AUTOMATIC_PERSISTED_QUERIES: "true" },
    { captureLogs: true },
  );
  try {
    const response = await fetch(`${on.server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "{ __typename }",
        extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } },
      }),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/provided sha does not match query/);
    const errors = on.logs
      .map((line) => JSON.parse(line) as { level: number })
      .filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
  } finally {
    await on.close();
  }
});

test("queries nested or aliased beyond the limits are refused", async () => {
  const aliases = Array.from(
    { length: 8 },
    (_, i) => `a${i}: enrollmentFieldLimits { field }`,
  ).join(" ");
  expect((await app.graphql(`{ ${aliases} }`)).status).toBe(400);
});

test("introspection is off in production", async () => {
  const production = await startTestApp(undefined, {
    NODE_ENV: "production",
    SMTP_URL: "smtp://127.0.0.1:1",
    IP_HASH_SECRET: "a-long-random-production-secret",
    // A full introspection document, as a tool such as Sandbox would send it.
    ALLOW_ARBITRARY_OPERATIONS: "true",
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
  await selfEnroll(app, {
    email: "ops@uk-customer.example",
    billingPostalCode: "SW1A 1AA",
    contractId: "UK-001",
  });
  const row = await app.db.prisma.mailOutbox.findFirstOrThrow({
    where: { toAddress: "ops@uk-customer.example" },
  });
  const token = /token=([A-Za-z0-9_-]+)/.exec(row.textBody)![1]!;
  const browser = new Browser(app);
  await browser.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } });
  await browser.gql(SIGN_IN, {
    input: { email: "ops@uk-customer.example", password: STRONG_PASSWORD },
  });
  await browser.gql(SIGN_IN, {
    input: { email: "ops@uk-customer.example", password: "a wrong password here" },
  });
  const logs = app.logs.join("\n");
  expect(app.logs.length).toBeGreaterThan(5);
  expect(logs).not.toContain(STRONG_PASSWORD);
  expect(logs).not.toContain("a wrong password here");
  expect(logs).not.toContain(token);
  expect(browser.jar.get("portal_session")).toBeTruthy();
  for (const value of browser.jar.values()) expect(logs).not.toContain(value);
  const audit = JSON.stringify(await app.db.prisma.auditEvent.findMany());
  expect(audit).not.toContain(STRONG_PASSWORD);
  expect(audit).not.toContain(token);
});

test("request logs carry the path without its query: a link's token never reaches the log", async () => {
  const token = "a-single-use-token-that-must-not-be-logged";
  await fetch(`${app.server.url}/verify?token=${token}`);
  await fetch(`${app.server.url}/reset-password?token=${token}`);
  const lines = app.logs.filter(
    (line) => line.includes('"/verify"') || line.includes('"/reset-password"'),
  );
  expect(lines.length).toBeGreaterThanOrEqual(2);
  expect(app.logs.join("\n")).not.toContain(token);
});
