import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { createLimiterStore, type LimiterStore } from "@portal/api/throttle/limiter-store";
import {
  THROTTLE_DEFAULTS,
  type ThrottleName,
  type ThrottleRule,
} from "@portal/api/throttle/throttle.rules";
import { Throttles } from "@portal/api/throttle/throttles";
import { redisForTests } from "@portal/test-support";
import { Redis } from "ioredis";

/** The attempt counter on the real Redis, under a prefix of its own so parallel runs do not meet. */
let store: LimiterStore | undefined;
let redisUrl: string | null = null;
beforeAll(async () => {
  const url = (redisUrl = await redisForTests());
  if (!url) return;
  store = createLimiterStore(url);
  if (!(await store.ready(5000))) throw new Error(`Redis at ${url} is not ready`);
});
afterAll(() => store?.close());

const prefix = () => `test-${randomUUID()}`;

test("a cancel that reaches Redis before its take keeps that take from counting", async () => {
  if (!store) return;
  const counter = store.counter(`${prefix()}:f`, 60);
  const id = randomUUID();
  // As when a reconnect sends the cancel on a new connection while the take waits on the old one.
  expect(await counter.cancel("k", id)).toBe(true);
  await expect(counter.take("k", id)).rejects.toThrow(/cancelled/);
  expect(await counter.get("k")).toBeNull();
  expect((await counter.take("k", randomUUID())).count).toBe(1);
});

test("a take is undone once, however often its cancel is sent", async () => {
  if (!store) return;
  const counter = store.counter(`${prefix()}:f`, 60);
  const first = randomUUID();
  await counter.take("k", first);
  await counter.take("k", randomUUID());
  for (let i = 0; i < 3; i++) await counter.cancel("k", first);
  expect((await counter.get("k"))?.count).toBe(1);
});

test("a take sent again after a lost answer is counted once", async () => {
  if (!store) return;
  const counter = store.counter(`${prefix()}:f`, 60);
  const id = randomUUID();
  await counter.take("k", id);
  expect((await counter.take("k", id)).count).toBe(1);
});

test("a give-back never creates a count nor takes it below zero, and keeps the window's end", async () => {
  if (!store) return;
  const counter = store.counter(`${prefix()}:f`, 60);
  await counter.giveBack("k");
  expect(await counter.get("k")).toBeNull();
  await counter.take("k", randomUUID());
  await counter.giveBack("k");
  await counter.giveBack("k");
  const left = await counter.get("k");
  expect(left?.count).toBe(0);
  expect(left?.msBeforeNext).toBeGreaterThan(58_000);
});

test("a give-back that lands after its window ended takes nothing from the next window", async () => {
  if (!store) return;
  const counter = store.counter(`${prefix()}:f`, 1);
  await counter.take("k", randomUUID());
  await sleep(600);
  // Taken late in the window: its give-back arrives after the window has ended.
  const late = randomUUID();
  expect((await counter.take("k", late)).count).toBe(2);
  await sleep(600);
  expect((await counter.take("k", randomUUID())).count).toBe(1);
  await counter.cancel("k", late);
  expect((await counter.get("k"))?.count).toBe(1);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("60 concurrent wrong sign-ins over two instances: the count never goes below zero and at most 5 are judged per window", async () => {
  if (!redisUrl) return;
  const url = redisUrl;
  const secret = randomBytes(16).toString("hex");
  const rules = Object.fromEntries(
    Object.keys(THROTTLE_DEFAULTS).map((name) => [name, { limit: 1000, windowSeconds: 3600 }]),
  ) as Record<ThrottleName, ThrottleRule>;
  rules.RATE_LIMIT_SIGNIN_EMAIL = { limit: 5, windowSeconds: 3 };
  // Two instances: two stores (two connections) on one Redis, the same secret.
  const instances = [0, 1].map(() => new Throttles(rules, 3, createLimiterStore(url), secret));
  const probe = new Redis(url);
  const email = `${randomUUID()}@example.test`;
  const hashed = createHmac("sha256", secret).update(email).digest("base64url").slice(0, 32);
  const countKey = `portal:RATE_LIMIT_SIGNIN_EMAIL:f:${hashed}`;
  try {
    await Promise.all(instances.map((t) => t.ready(5000)));
    const judged: number[] = [];
    let lowest = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const value = await probe.get(countKey);
        if (value !== null) lowest = Math.min(lowest, Number(value));
        await sleep(5);
      }
    })();
    const until = Date.now() + 7000;
    while (Date.now() < until) {
      await Promise.all(
        Array.from({ length: 60 }, async (_, i) => {
          const r = await instances[i % 2]!.reserve([
            { throttle: "RATE_LIMIT_SIGNIN_EMAIL", value: email },
          ]);
          if (!r.granted) return;
          judged.push(Date.now());
          await sleep(Math.random() * 20); // the password check
          await r.reservation.fail();
        }),
      );
      await sleep(50);
    }
    sampling = false;
    await sampler;
    expect(lowest).toBe(0);
    // A window is 3 s and the block after it 3 s more: no 2.9 s holds more than one window's 5.
    judged.sort((a, b) => a - b);
    const busiest = Math.max(
      ...judged.map((t) => judged.filter((u) => u >= t && u < t + 2900).length),
    );
    expect(busiest).toBeLessThanOrEqual(5);
    expect(judged.length).toBeGreaterThanOrEqual(5);
  } finally {
    probe.disconnect();
    await Promise.all(instances.map((t) => t.close()));
  }
});

test("a burst of refused and successful attempts leaves no marker behind in Redis", async () => {
  if (!redisUrl) return;
  const secret = randomBytes(16).toString("hex");
  const rules = Object.fromEntries(
    Object.keys(THROTTLE_DEFAULTS).map((name) => [name, { limit: 1000, windowSeconds: 3600 }]),
  ) as Record<ThrottleName, ThrottleRule>;
  rules.RATE_LIMIT_SIGNIN_EMAIL = { limit: 2, windowSeconds: 60 };
  const throttles = new Throttles(rules, 60, createLimiterStore(redisUrl), secret);
  const probe = new Redis(redisUrl);
  const email = `${randomUUID()}@example.test`;
  const hashed = createHmac("sha256", secret).update(email).digest("base64url").slice(0, 32);
  try {
    await throttles.ready(5000);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        throttles.reserve([{ throttle: "RATE_LIMIT_SIGNIN_EMAIL", value: email }]),
      ),
    );
    for (const r of results) if (r.granted) await r.reservation.release();
    expect(results.filter((r) => r.granted)).toHaveLength(2);
    // A flood of requests must not cost Redis memory beyond the counts themselves.
    const markers = await probe.keys(`portal:RATE_LIMIT_SIGNIN_EMAIL:f:${hashed}:*`);
    expect(markers).toEqual([]);
  } finally {
    probe.disconnect();
    await throttles.close();
  }
});
