import {
  eligible,
  servicingFixture,
  selfEnroll,
  startTestApp,
  withTableMissing,
  useTestApp,
} from "@portal/test-support";

const app = useTestApp(servicingFixture);

test("50 parallel selfEnroll calls for one eligible email end with exactly one account and one grant", async () => {
  const input = {
    email: "owner@us-customer.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  };
  const results = await Promise.all(Array.from({ length: 50 }, () => selfEnroll(app, input)));
  expect(new Set(results.map((r) => r.__typename))).toEqual(new Set(["EnrollmentStarted"]));
  const users = await app.db.prisma.portalUser.findMany({
    where: { email: input.email },
    include: { grants: true },
  });
  expect(users).toHaveLength(1);
  expect(users[0]!.grants).toHaveLength(1);
  // Exactly one verification link is live: each later attempt superseded the one before.
  expect(
    await app.db.prisma.accountToken.count({
      where: { userId: users[0]!.id, usedAt: null, supersededAt: null },
    }),
  ).toBe(1);
});

const onPostgres = process.env.DATABASE_URL ? test : test.skip;

onPostgres(
  "connections PostgreSQL drops while idle (restart, failover) do not stop the API",
  async () => {
    const rejected = {
      email: "nobody@nowhere.example",
      billingPostalCode: "94607",
      contractId: "US-001",
    };
    expect((await selfEnroll(app, rejected)).__typename).toBe("EnrollmentRejected");
    // Every other connection of this database, idle in both of the API's pools, is ended by the server.
    const ended = await app.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(ended[0]!.n).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await selfEnroll(app, rejected)).__typename).toBe("EnrollmentRejected");
    expect((await selfEnroll(app, eligible.ukOps)).__typename).toBe("EnrollmentStarted");
  },
);

test("a database failure in the middle of an enrollment leaves no partial account", async () => {
  await withTableMissing(app.db, "mail_outbox", async () => {
    const response = await app.graphql(
      `mutation { selfEnroll(input: { firstName: "A", lastName: "B", email: "pat@contact.example", billingPostalCode: "10001", contractId: "US-002" }) { __typename } }`,
    );
    expect(response.status).toBe(200);
    expect(response.body.errors![0]!.extensions!.code).toBe("INTERNAL_SERVER_ERROR");
  });
  expect(await app.db.prisma.portalUser.count({ where: { email: "pat@contact.example" } })).toBe(0);
  expect(
    await app.db.prisma.customerAccessGrant.count({ where: { grantedViaContract: "US-002" } }),
  ).toBe(0);
  expect(
    await app.db.prisma.accountToken.count({ where: { user: { email: "pat@contact.example" } } }),
  ).toBe(0);
  // And the same details work once the database is healthy again.
  expect((await selfEnroll(app, eligible.pat)).__typename).toBe("EnrollmentStarted");
});

test("with the rate-limit store (Redis) unreachable, enrollment fails closed with a clear answer and the app stays up", async () => {
  const down = await startTestApp(servicingFixture, { REDIS_URL: "redis://127.0.0.1:1" });
  try {
    const result = await selfEnroll(down, {
      email: "ops@uk-customer.example",
      billingPostalCode: "SW1A 1AA",
      contractId: "UK-001",
    });
    expect(result).toMatchObject({
      __typename: "RateLimited",
      reason: "LIMITER_UNAVAILABLE",
      retryAfterSeconds: 30,
    });
    expect(result.message).toMatch(/briefly unavailable/);
    expect(await down.db.prisma.portalUser.count()).toBe(0);
    expect((await fetch(`${down.server.url}/healthz`)).status).toBe(200);
    expect((await down.graphql(`{ enrollmentFieldLimits { field } }`)).status).toBe(200);
  } finally {
    await down.close();
  }
});
