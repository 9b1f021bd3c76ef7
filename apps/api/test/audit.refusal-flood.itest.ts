import {
  FORGOT,
  SELF_ENROLL,
  servicingFixture,
  type TestApp,
  startTestApp,
} from "@portal/test-support";
import { funnelReport } from "../src/audit/audit-report";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp(servicingFixture, {
    RATE_LIMIT_MAIL_IP: "20/3600",
    RATE_LIMIT_MAIL_EMAIL: "3/3600",
    RATE_LIMIT_ENROLL_CONTRACT: "5/3600",
  });
});
afterAll(() => app.close());

/** `n` requests, `parallel` at a time (a burst, so refusals race each other for the first row). */
async function flood(n: number, parallel: number, send: (i: number) => Promise<string>) {
  const answers: string[] = [];
  for (let i = 0; i < n; i += parallel)
    answers.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(parallel, n - i) }, (_, j) => send(i + j)),
      )),
    );
  return answers;
}

test("1,000 password resets from one client, 980 refused, write one THROTTLED row and count 980", async () => {
  const start = new Date();
  const answers = await flood(1000, 25, async (i) => {
    const { body } = await app.graphql<{ requestPasswordReset: { __typename: string } }>(FORGOT, {
      email: `someone.${i}@flood.example`,
    });
    return body.data!.requestPasswordReset.__typename;
  });
  expect(answers.filter((a) => a === "EmailRequestAccepted")).toHaveLength(20);
  expect(answers.filter((a) => a === "RateLimited")).toHaveLength(980);

  const prisma = app.db.prisma;
  expect(
    await prisma.auditEvent.count({
      where: { eventType: "PASSWORD_RESET_REQUESTED", outcome: "THROTTLED" },
    }),
  ).toBe(1);
  expect(await prisma.auditEvent.count()).toBe(21);
  const counted = await prisma.throttleRefusal.findMany({
    where: { operation: "PASSWORD_RESET_REQUESTED" },
  });
  expect(counted).toEqual([
    expect.objectContaining({
      throttle: "RATE_LIMIT_MAIL_IP",
      reason: "TOO_MANY_ATTEMPTS",
      count: 980,
      keyHash: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
    }),
  ]);
  // The key is the throttle's HMAC: neither the client's address nor an email is stored.
  expect(JSON.stringify(counted)).not.toMatch(/127\.0\.0\.1|::1|@/);
  expect(counted[0]!.windowStart.getTime() % 3_600_000).toBe(0);
  expect(counted[0]!.firstSeen.getTime()).toBeLessThanOrEqual(counted[0]!.lastSeen.getTime());

  const report = await funnelReport(prisma, start, new Date(Date.now() + 1000));
  expect(report.throttled).toBe(980);
});

test("a self-enrollment flood on one contract logs the first refusal of each key and counts the rest", async () => {
  const start = new Date();
  const answers = await flood(300, 20, async (i) => {
    const { body } = await app.graphql<{ selfEnroll: { __typename: string } }>(SELF_ENROLL, {
      input: {
        firstName: "A",
        lastName: "B",
        email: "owner@us-customer.example",
        billingPostalCode: String(10000 + i),
        contractId: "US-001",
      },
    });
    return body.data!.selfEnroll.__typename;
  });
  const refused = answers.filter((a) => a === "RateLimited").length;
  expect(refused).toBeGreaterThanOrEqual(290);

  const prisma = app.db.prisma;
  const logged = await prisma.enrollmentAttempt.count({
    where: { reasonCode: { startsWith: "RATE_LIMITED" } },
  });
  const rows = await prisma.throttleRefusal.findMany({ where: { operation: "selfEnroll" } });
  expect(logged).toBe(rows.length);
  expect(logged).toBeLessThanOrEqual(3);
  expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(refused);

  const report = await funnelReport(prisma, start, new Date(Date.now() + 1000));
  expect(report.rejectionsByReason["RATE_LIMITED:TOO_MANY_ATTEMPTS"]).toBe(refused);
  expect(report.attempts).toBe(300);
});
