import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { servicingFixture } from "./fixtures/servicing";
import { SELF_ENROLL, type TestApp, startTestApp, testConfig } from "./harness";
import { startServer, type RunningServer } from "../src/server";
import pino from "pino";

const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

async function redisAvailable(): Promise<boolean> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

let available = false;
let app: TestApp;
let second: RunningServer | undefined;
const env = {
  RATE_LIMIT_ENROLL_CONTRACT: "5/3600",
  RATE_LIMIT_ENROLL_EMAIL: "1000/3600",
  RATE_LIMIT_ENROLL_CUSTOMER: "1000/3600",
  RATE_LIMIT_ENROLL_IP: "1000/3600",
  // A fresh secret per run gives fresh throttle keys, so runs never see each other's counters.
  IP_HASH_SECRET: randomBytes(16).toString("hex"),
};

beforeAll(async () => {
  available = await redisAvailable();
  if (!available) {
    if (process.env.REQUIRE_REDIS === "1") throw new Error(`Redis is required (REQUIRE_REDIS=1) but ${REDIS_URL} does not answer`);
    console.warn(`SKIPPED: two-instance throttling needs Redis at ${REDIS_URL}`);
    return;
  }
  app = await startTestApp(servicingFixture, { ...env, REDIS_URL });
  // A second API instance: its own HTTP server, services, limiter and Redis connection, same database.
  second = await startServer(testConfig({ ...env, REDIS_URL }), app.db, pino({ level: "silent" }));
});
afterAll(async () => {
  await second?.stop();
  await app?.close();
});

async function guess(server: { url: string }, postal: string): Promise<string> {
  const response = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: SELF_ENROLL,
      variables: { input: { firstName: "A", lastName: "B", email: "owner@us-customer.example", billingPostalCode: postal, contractId: "US-003" } },
    }),
  });
  return ((await response.json()) as { data: { selfEnroll: { __typename: string } } }).data.selfEnroll.__typename;
}

test("a brute force spread across two instances is stopped at the same count as against one", async () => {
  if (!available) return;
  const outcomes: string[] = [];
  for (let i = 0; i < 10; i++) outcomes.push(await guess(i % 2 === 0 ? app.server : second!, String(30000 + i)));
  expect(outcomes).toEqual([...Array(5).fill("EnrollmentRejected"), ...Array(5).fill("RateLimited")]);
});
