import { randomBytes } from "node:crypto";
import {
  SIGN_IN,
  servicingFixture,
  type TestApp,
  redisForTests,
  selfEnroll,
  startTestApp,
  StallingProxy,
} from "@portal/test-support";

/** Redis connected but not answering: throttled operations are refused fast, and the instance says it is not ready. */
let proxy: StallingProxy | undefined;
let app: TestApp | undefined;
beforeAll(async () => {
  const redisUrl = await redisForTests();
  if (!redisUrl) return;
  const target = new URL(redisUrl);
  proxy = await new StallingProxy(target.hostname, Number(target.port || 6379)).start();
  app = await startTestApp(servicingFixture, {
    REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    RATE_LIMIT_STORE_TIMEOUT_MS: "500",
    IP_HASH_SECRET: randomBytes(16).toString("hex"),
  });
});
afterAll(async () => {
  proxy?.resume();
  await app?.close();
  await proxy?.stop();
});

const guess = {
  email: "owner@us-customer.example",
  billingPostalCode: "11111",
  contractId: "US-002",
};

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = Date.now();
  const value = await work();
  return { value, ms: Date.now() - started };
}

test("a stalled rate-limit store refuses throttled operations within its timeout and makes /readyz not ready", async () => {
  if (!app || !proxy) return;
  const running = app;
  expect((await selfEnroll(running, guess)).__typename).toBe("EnrollmentRejected");
  expect((await fetch(`${running.server.url}/readyz`)).status).toBe(200);

  proxy.stall();
  try {
    const enroll = await timed(() => selfEnroll(running, guess));
    expect(enroll.value).toMatchObject({
      __typename: "RateLimited",
      reason: "LIMITER_UNAVAILABLE",
    });
    // Refused after the 500 ms command timeout, not after the 45 s an unbounded command took.
    expect(enroll.ms).toBeLessThan(5000);

    const signIn = await timed(() =>
      running.graphql(SIGN_IN, {
        input: { email: "nobody@nowhere.example", password: "not the password at all" },
      }),
    );
    expect(signIn.value.body.data).toMatchObject({ signIn: { __typename: "RateLimited" } });
    expect(signIn.ms).toBeLessThan(5000);

    const ready = await fetch(`${running.server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({
      status: "not ready",
      checks: { database: "ok", rateLimitStore: "failing" },
    });
    // Nothing was judged while limits could not be counted.
    expect(
      await running.db.prisma.enrollmentAttempt.count({
        where: { reasonCode: "RATE_LIMITED:LIMITER_UNAVAILABLE" },
      }),
    ).toBe(1);
  } finally {
    proxy.resume();
  }

  // Once Redis answers again, so does everything else.
  expect((await selfEnroll(running, { ...guess, billingPostalCode: "22222" })).__typename).toBe(
    "EnrollmentRejected",
  );
  expect((await fetch(`${running.server.url}/readyz`)).status).toBe(200);
});
