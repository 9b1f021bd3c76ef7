import { randomBytes } from "node:crypto";
import {
  COMPLETE,
  SIGN_IN,
  STRONG_PASSWORD,
  servicingFixture,
  SmtpCapture,
  type TestApp,
  redisForTests,
  selfEnroll,
  startTestApp,
  StallingProxy,
  tokenFrom,
} from "@portal/test-support";

/** Redis connected but not answering: throttled operations are refused fast, and the instance says it is not ready. */
let proxy: StallingProxy | undefined;
let app: TestApp | undefined;
let smtp: SmtpCapture | undefined;
beforeAll(async () => {
  const redisUrl = await redisForTests();
  if (!redisUrl) return;
  const target = new URL(redisUrl);
  proxy = await new StallingProxy(target.hostname, Number(target.port || 6379)).start();
  smtp = await new SmtpCapture().start();
  app = await startTestApp(servicingFixture, {
    REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
    RATE_LIMIT_STORE_TIMEOUT_MS: "500",
    RATE_LIMIT_SIGNIN_EMAIL: "5/900",
    // A fresh secret is a fresh set of keys in the shared Redis: runs in parallel do not meet.
    IP_HASH_SECRET: randomBytes(16).toString("hex"),
    SMTP_URL: smtp.url,
    MAIL_POLL_INTERVAL_MS: "100",
  });
});
afterAll(async () => {
  proxy?.resume();
  await app?.close();
  await proxy?.stop();
  await smtp?.stop();
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

const SIGN_IN_WHY = `mutation($input: SignInInput!) { signIn(input: $input) {
  __typename ... on RateLimited { reason } } }`;

test("sign-ins refused while the store stalls are not counted against the person once it answers", async () => {
  if (!app || !proxy || !smtp) return;
  const running = app;
  const person = { email: "pat@contact.example", contractId: "US-001", billingPostalCode: "94607" };
  expect((await selfEnroll(running, person)).__typename).toBe("EnrollmentStarted");
  const token = tokenFrom(await smtp.waitFor(person.email, /Finish setting up/), "verify");
  await running.graphql(COMPLETE, { input: { token, password: STRONG_PASSWORD } });
  const signIn = async () =>
    (
      await running.graphql(SIGN_IN_WHY, {
        input: { email: person.email, password: STRONG_PASSWORD },
      })
    ).body.data as { signIn: { __typename: string; reason?: string } };

  proxy.stall();
  let refused: Awaited<ReturnType<typeof signIn>>[];
  try {
    // Twice the per-address limit: each increment is sent, and its answer never comes in time.
    refused = await Promise.all(Array.from({ length: 10 }, signIn));
  } finally {
    proxy.resume();
  }
  expect(refused.map((r) => r.signIn)).toEqual(
    Array(10).fill({ __typename: "RateLimited", reason: "LIMITER_UNAVAILABLE" }),
  );

  await waitUntilReady(running);
  // The stalled increments reach Redis now; none of them may count, so the right password works.
  expect((await signIn()).signIn.__typename).toBe("SignedIn");
});

async function waitUntilReady(running: TestApp): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await fetch(`${running.server.url}/readyz`)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the API did not become ready again");
}
