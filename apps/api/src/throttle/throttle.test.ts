import { createLimiterStore } from "./limiter-store";
import { LimiterUnavailableError, Throttle } from "./throttle";

const rule = { limit: 3, windowSeconds: 60 };

function newThrottle(maxBlockSeconds = 3600) {
  return new Throttle(`test-${Math.random()}`, rule, maxBlockSeconds, createLimiterStore(null));
}

async function fail(throttle: Throttle, key: string, times: number) {
  for (let i = 0; i < times; i++) await throttle.recordFailure(key);
}

test("a key is not blocked below the limit", async () => {
  const throttle = newThrottle();
  await fail(throttle, "k", 2);
  expect(await throttle.blockedForMs("k")).toBe(0);
});

test("reaching the limit blocks the key for one window", async () => {
  const throttle = newThrottle();
  await fail(throttle, "k", 3);
  const wait = await throttle.blockedForMs("k");
  expect(wait).toBeGreaterThan(59_000);
  expect(wait).toBeLessThanOrEqual(60_000);
});

test("each further trip doubles the block (exponential backoff)", async () => {
  const throttle = newThrottle();
  await fail(throttle, "k", 3);
  await throttle.recordFailure("k"); // a failure while blocked trips again
  expect(await throttle.blockedForMs("k")).toBeGreaterThan(119_000);
  await throttle.recordFailure("k");
  expect(await throttle.blockedForMs("k")).toBeGreaterThan(239_000);
});

test("a block never exceeds the maximum, so nobody is locked out for good", async () => {
  const throttle = newThrottle(100);
  await fail(throttle, "k", 10);
  expect(await throttle.blockedForMs("k")).toBeLessThanOrEqual(100_000);
});

test("keys are counted separately", async () => {
  const throttle = newThrottle();
  await fail(throttle, "a", 3);
  expect(await throttle.blockedForMs("b")).toBe(0);
});

test("an unreachable Redis makes every call fail as LimiterUnavailableError", async () => {
  const store = createLimiterStore("redis://127.0.0.1:1");
  const throttle = new Throttle("down", rule, 3600, store);
  await expect(throttle.blockedForMs("k")).rejects.toBeInstanceOf(LimiterUnavailableError);
  await expect(throttle.recordFailure("k")).rejects.toBeInstanceOf(LimiterUnavailableError);
  await store.close();
});
