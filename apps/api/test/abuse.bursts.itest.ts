import { randomBytes } from "node:crypto";
import {
  COMPLETE,
  FORGOT,
  SIGN_IN,
  STRONG_PASSWORD,
  servicingFixture,
  SELF_ENROLL,
  type TestApp,
  redisForTests,
  selfEnroll,
  startSecondInstance,
  startTestApp,
} from "@portal/test-support";
import type { RunningServer } from "../src/server";

/**
 * Bursts of parallel requests, as an attacker sends them: however many arrive together, and on
 * however many instances, no more are evaluated than the limit allows. "Evaluated" is read from
 * what only an evaluation writes (the attempt's reason, the audit event of a checked password or
 * token, an accepted mail request), so the count does not depend on the answers.
 */
const LIMITS = {
  RATE_LIMIT_ENROLL_CONTRACT: "5/3600",
  RATE_LIMIT_SIGNIN_EMAIL: "5/900",
  RATE_LIMIT_MAIL_EMAIL: "3/3600",
  RATE_LIMIT_TOKEN_IP: "10/3600",
};

type Servers = { app: TestApp; urls: string[]; second?: RunningServer };

async function post(url: string, query: string, variables: Record<string, unknown>) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: Record<string, { __typename: string }>;
    errors?: unknown;
  };
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return Object.values(body.data)[0]!.__typename;
}

/** `count` requests at once, spread in turn over every instance. */
function burst(servers: Servers, count: number, send: (url: string, i: number) => Promise<string>) {
  return Promise.all(
    Array.from({ length: count }, (_, i) => send(servers.urls[i % servers.urls.length]!, i)),
  );
}

const tally = (outcomes: string[]) =>
  outcomes.reduce<Record<string, number>>((t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }), {});

/** An account that can sign in, made through the real journey (the link read from the development mailbox). */
async function activeAccount(
  app: TestApp,
  input: { email: string; billingPostalCode: string; contractId: string },
) {
  expect((await selfEnroll(app, input)).__typename).toBe("EnrollmentStarted");
  const mail = await app.db.prisma.mailOutbox.findFirstOrThrow({
    where: { toAddress: input.email },
    orderBy: { createdAt: "desc" },
  });
  const token = /verify\?token=([A-Za-z0-9_-]+)/.exec(mail.textBody)![1]!;
  expect(
    await post(app.server.url, COMPLETE, { input: { token, password: STRONG_PASSWORD } }),
  ).toBe("EnrollmentCompleted");
}

function burstSuite(name: string, start: () => Promise<Servers | null>) {
  describe(name, () => {
    let servers: Servers | null = null;
    beforeAll(async () => {
      servers = await start();
    });
    afterAll(async () => {
      await servers?.second?.stop();
      await servers?.app.close();
    });

    test("100 parallel postal-code guesses on one contract: at most 5 are judged, the rest refused unjudged", async () => {
      if (!servers) return;
      const contractId = "US-003";
      // The right code (60601) is in the middle of the burst.
      const outcomes = await burst(servers, 100, (url, i) =>
        post(url, SELF_ENROLL, {
          input: {
            firstName: "A",
            lastName: "B",
            email: "owner@us-customer.example",
            billingPostalCode: i === 50 ? "60601" : String(70000 + i),
            contractId,
          },
        }),
      );
      const judged = await servers.app.db.prisma.enrollmentAttempt.groupBy({
        by: ["reasonCode"],
        where: { contractId, NOT: { reasonCode: { startsWith: "RATE_LIMITED" } } },
        _count: true,
      });
      const failures = judged
        .filter((j) => j.reasonCode !== "ELIGIBLE" && j.reasonCode !== "ALREADY_ENROLLED")
        .reduce((n, j) => n + j._count, 0);
      const successes = judged.reduce((n, j) => n + j._count, 0) - failures;
      expect(failures).toBeLessThanOrEqual(5);
      expect(failures + successes).toBeGreaterThanOrEqual(5);
      // A success gives its attempt back, so at most one more request than the limit can be judged.
      expect(failures + successes).toBeLessThanOrEqual(6);
      expect(tally(outcomes).RateLimited).toBe(100 - failures - successes);
      expect(tally(outcomes).EnrollmentRejected).toBe(failures);
    });

    test("200 parallel password guesses for one account: at most 5 wrong passwords are checked", async () => {
      if (!servers) return;
      const email = "compta@ca-customer.example";
      await activeAccount(servers.app, {
        email,
        billingPostalCode: "K1A 0B1",
        contractId: "CA-001",
      });
      const outcomes = await burst(servers, 200, (url, i) =>
        post(url, SIGN_IN, {
          input: { email, password: i === 100 ? STRONG_PASSWORD : `wrong guess number ${i}` },
        }),
      );
      const checked = await servers.app.db.prisma.auditEvent.groupBy({
        by: ["outcome"],
        where: { eventType: "SIGN_IN", email },
        _count: true,
      });
      const failed = checked.find((c) => c.outcome === "FAILED")?._count ?? 0;
      const succeeded = checked.find((c) => c.outcome === "SUCCESS")?._count ?? 0;
      expect(failed).toBeLessThanOrEqual(5);
      expect(failed + succeeded).toBeGreaterThanOrEqual(5);
      expect(succeeded).toBeLessThanOrEqual(1);
      expect(tally(outcomes)).toEqual({
        RateLimited: 200 - failed - succeeded,
        SignInFailed: failed,
        ...(succeeded ? { SignedIn: 1 } : {}),
      });
    });

    test("30 parallel password-reset requests for one address: at most 3 are accepted", async () => {
      if (!servers) return;
      const email = "ops@uk-customer.example";
      const outcomes = await burst(servers, 30, (url) => post(url, FORGOT, { email }));
      const accepted = await servers.app.db.prisma.auditEvent.count({
        where: { eventType: "PASSWORD_RESET_REQUESTED", outcome: "ACCEPTED", email },
      });
      expect(accepted).toBe(3);
      expect(tally(outcomes)).toEqual({ EmailRequestAccepted: 3, RateLimited: 27 });
    });

    test("100 parallel made-up tokens from one client: at most 10 are looked up", async () => {
      if (!servers) return;
      const outcomes = await burst(servers, 100, (url) =>
        post(url, COMPLETE, {
          input: { token: randomBytes(32).toString("base64url"), password: STRONG_PASSWORD },
        }),
      );
      const lookedUp = await servers.app.db.prisma.auditEvent.count({
        where: { eventType: "ENROLLMENT_COMPLETED", outcome: "REJECTED" },
      });
      expect(lookedUp).toBe(10);
      expect(tally(outcomes)).toEqual({ TokenRejected: 10, RateLimited: 90 });
    });
  });
}

burstSuite("one instance, limits in memory", async () => {
  const app = await startTestApp(servicingFixture, LIMITS);
  return { app, urls: [app.server.url] };
});

burstSuite("two instances sharing one Redis", async () => {
  const REDIS_URL = await redisForTests();
  if (!REDIS_URL) return null;
  // A fresh secret gives fresh throttle keys, so runs never see each other's counters.
  const env = { ...LIMITS, REDIS_URL, IP_HASH_SECRET: randomBytes(16).toString("hex") };
  const app = await startTestApp(servicingFixture, env);
  const second = await startSecondInstance(app, env);
  return { app, second, urls: [app.server.url, second.url] };
});
