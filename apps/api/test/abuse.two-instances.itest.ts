import { randomBytes } from "node:crypto";
import {
  servicingFixture,
  SELF_ENROLL,
  type TestApp,
  redisForTests,
  startSecondInstance,
  startTestApp,
} from "@portal/test-support";
import type { RunningServer } from "../src/server";

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
  const REDIS_URL = await redisForTests();
  available = REDIS_URL !== null;
  if (!REDIS_URL) return;
  app = await startTestApp(servicingFixture, { ...env, REDIS_URL });
  second = await startSecondInstance(app, { ...env, REDIS_URL });
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
      variables: {
        input: {
          firstName: "A",
          lastName: "B",
          email: "owner@us-customer.example",
          billingPostalCode: postal,
          contractId: "US-003",
        },
      },
    }),
  });
  return ((await response.json()) as { data: { selfEnroll: { __typename: string } } }).data
    .selfEnroll.__typename;
}

test("a brute force spread across two instances is stopped at the same count as against one", async () => {
  if (!available) return;
  const outcomes: string[] = [];
  for (let i = 0; i < 10; i++)
    outcomes.push(await guess(i % 2 === 0 ? app.server : second!, String(30000 + i)));
  expect(outcomes).toEqual([
    ...Array(5).fill("EnrollmentRejected"),
    ...Array(5).fill("RateLimited"),
  ]);
});
