import { withTableMissing, useTestApp } from "@portal/test-support";

const app = useTestApp();

test("/healthz answers while the process is up", async () => {
  const response = await fetch(`${app.server.url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
});

test("/readyz is ready once the database answers and migrations are applied", async () => {
  const response = await fetch(`${app.server.url}/readyz`);
  expect(await response.json()).toEqual({
    status: "ready",
    checks: { database: "ok", migrations: "ok", rateLimitStore: "ok", mailTransport: "ok" },
    mailVia: "dev-mailbox",
  });
});

test("/readyz reports not ready when a migration is missing from the database", async () => {
  await app.db.prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET rolled_back_at = now()`);
  try {
    const response = await fetch(`${app.server.url}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      reason: "migrations pending",
      checks: { database: "ok", migrations: "failing" },
    });
  } finally {
    await app.db.prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET rolled_back_at = NULL`);
  }
});

test("every response carries a request id, reusing a well-formed one from the caller", async () => {
  const mine = await fetch(`${app.server.url}/healthz`, { headers: { "x-request-id": "abc-123" } });
  expect(mine.headers.get("x-request-id")).toBe("abc-123");
  const hostile = await fetch(`${app.server.url}/healthz`, {
    headers: { "x-request-id": "<script>" },
  });
  expect(hostile.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
});

test("a body that is not JSON is a 400 with a clear message", async () => {
  const response = await fetch(`${app.server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{not json",
  });
  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({ error: "Request body is not valid JSON" });
});

test("an oversized body is refused with 413 before it is parsed", async () => {
  const response = await fetch(`${app.server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ __typename }", variables: { x: "y".repeat(200_000) } }),
  });
  expect(response.status).toBe(413);
});

test("introspection is on outside production so Apollo Sandbox can explore the schema", async () => {
  const response = await app.graphql(
    `{ __schema { mutationType { fields { name description } } } }`,
  );
  expect(response.status).toBe(200);
  expect(JSON.stringify(response.body)).toContain("selfEnroll");
});

test("an unexpected failure is masked: a generic message, no internals", async () => {
  await withTableMissing(app.db, "enrollment_attempt", async () => {
    const response = await app.graphql(
      `mutation { selfEnroll(input: { firstName: "", lastName: "b", email: "c@d.example", billingPostalCode: "1", contractId: "x" }) { __typename } }`,
    );
    expect(response.status).toBe(200);
    expect(response.body.errors![0]!.message).toBe(
      "Something went wrong on our side. Please try again later.",
    );
    expect(response.text).not.toMatch(/enrollment_attempt|prisma|stack/i);
  });
});
