import { randomUUID } from "node:crypto";
import { createLimiterStore, type LimiterStore } from "@portal/api/throttle/limiter-store";
import { redisForTests } from "@portal/test-support";

/** The attempt counter on the real Redis, under a prefix of its own so parallel runs do not meet. */
let store: LimiterStore | undefined;
beforeAll(async () => {
  const url = await redisForTests();
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
