import type { RateLimiterAbstract } from "rate-limiter-flexible";
import type { AttemptCounter } from "./attempt-counter";
import { createLimiterStore, type LimiterStore } from "./limiter-store";
import { LimiterUnavailableError, Throttle } from "./throttle";
import { Throttles } from "./throttles";
import { THROTTLE_DEFAULTS, type ThrottleName, type ThrottleRule } from "./throttle.rules";

const rule = { limit: 3, windowSeconds: 60 };

/** A memory store that keeps its limiters reachable, so a test can let a window run out at once. */
function inspectableStore(): LimiterStore & {
  limiters: Map<string, RateLimiterAbstract | AttemptCounter>;
} {
  const inner = createLimiterStore(null);
  const limiters = new Map<string, RateLimiterAbstract | AttemptCounter>();
  return {
    ...inner,
    limiters,
    limiter: (prefix, points, duration) => {
      const limiter = inner.limiter(prefix, points, duration);
      limiters.set(prefix, limiter);
      return limiter;
    },
    counter: (prefix, windowSeconds) => {
      const counter = inner.counter(prefix, windowSeconds);
      limiters.set(prefix, counter);
      return counter;
    },
  };
}

let store = inspectableStore();
beforeEach(() => {
  store = inspectableStore();
});

function newThrottle(maxBlockSeconds = 3600) {
  return new Throttle("test", rule, maxBlockSeconds, store);
}

/** What the end of a block does: the block and the window's attempts are gone, the trips are not. */
async function windowRunsOut(key: string) {
  await store.limiters.get("test:f")!.delete(key);
  await store.limiters.get("test:b")!.delete(key);
}

/** Reserves and fails `times` attempts, one after the other. */
async function fail(throttle: Throttle, key: string, times: number) {
  for (let i = 0; i < times; i++) {
    const reserved = await throttle.reserve(key);
    if (!reserved.granted) throw new Error(`attempt ${i + 1} was refused`);
    await throttle.settleFailure(key, reserved.count);
  }
}

test("a key keeps its attempts below the limit", async () => {
  const throttle = newThrottle();
  await fail(throttle, "k", 2);
  expect(await throttle.blockedForMs("k")).toBe(0);
  expect((await throttle.reserve("k")).granted).toBe(true);
});

test("the failure that fills the window blocks the key for one window", async () => {
  const throttle = newThrottle();
  await fail(throttle, "k", 3);
  const wait = await throttle.blockedForMs("k");
  expect(wait).toBeGreaterThan(59_000);
  expect(wait).toBeLessThanOrEqual(60_000);
  const refused = await throttle.reserve("k");
  expect(refused.granted).toBe(false);
  expect(!refused.granted && refused.retryAfterMs).toBeGreaterThan(59_000);
});

test("of 100 concurrent reservations exactly the limit is granted", async () => {
  const throttle = newThrottle();
  const results = await Promise.all(Array.from({ length: 100 }, () => throttle.reserve("k")));
  expect(results.filter((r) => r.granted)).toHaveLength(3);
});

test("attempts in flight hold the key only while they run: refused requests do not keep it closed", async () => {
  const throttle = newThrottle();
  const inFlight = await Promise.all(Array.from({ length: 3 }, () => throttle.reserve("k")));
  // Refused while all three run…
  for (let i = 0; i < 10; i++) expect((await throttle.reserve("k")).granted).toBe(false);
  // …and open again as soon as they succeed.
  for (const _ of inFlight) await throttle.release("k");
  expect((await throttle.reserve("k")).granted).toBe(true);
});

test("attempts given back after a block do not open it", async () => {
  const throttle = newThrottle();
  // Requests refused while three failures are being judged give their counts back only after the
  // third failure has blocked the key (as happens between instances on one Redis).
  const held = await Promise.all(Array.from({ length: 3 }, () => throttle.reserve("k")));
  for (const r of held) if (r.granted) await throttle.settleFailure("k", r.count);
  for (let i = 0; i < 5; i++) await throttle.release("k");
  expect((await throttle.reserve("k")).granted).toBe(false);
  expect(await throttle.blockedForMs("k")).toBeGreaterThan(59_000);
});

test("a released attempt can be taken again; a kept one cannot", async () => {
  const throttle = newThrottle();
  const first = await throttle.reserve("k");
  await throttle.release("k");
  await fail(throttle, "k", 2);
  expect(first.granted).toBe(true);
  // Two failures kept and one success given back: one attempt is left.
  expect((await throttle.reserve("k")).granted).toBe(true);
  expect((await throttle.reserve("k")).granted).toBe(false);
});

test("each further trip doubles the block (exponential backoff)", async () => {
  const throttle = newThrottle();
  await fail(throttle, "k", 3);
  expect(await throttle.blockedForMs("k")).toBeLessThanOrEqual(60_000);
  await windowRunsOut("k");
  await fail(throttle, "k", 3);
  expect(await throttle.blockedForMs("k")).toBeGreaterThan(119_000);
  await windowRunsOut("k");
  await fail(throttle, "k", 3);
  expect(await throttle.blockedForMs("k")).toBeGreaterThan(239_000);
});

test("a block never exceeds the maximum, so nobody is locked out for good", async () => {
  const throttle = newThrottle(100);
  for (let trip = 0; trip < 5; trip++) {
    await windowRunsOut("k");
    await fail(throttle, "k", 3);
  }
  expect(await throttle.blockedForMs("k")).toBeLessThanOrEqual(100_000);
});

test("keys are counted separately", async () => {
  const throttle = newThrottle();
  await fail(throttle, "a", 3);
  expect(await throttle.blockedForMs("b")).toBe(0);
});

test("clear forgets a key's attempts and its backoff", async () => {
  const throttle = newThrottle();
  await fail(throttle, "k", 3);
  await throttle.clear("k");
  expect(await throttle.blockedForMs("k")).toBe(0);
  await fail(throttle, "k", 3);
  // Back to the first block's length.
  expect(await throttle.blockedForMs("k")).toBeLessThanOrEqual(60_000);
});

function throttles(overrides: Partial<Record<ThrottleName, ThrottleRule>>) {
  const rules = Object.fromEntries(
    Object.keys(THROTTLE_DEFAULTS).map((name) => [name, { limit: 1000, windowSeconds: 3600 }]),
  ) as Record<ThrottleName, ThrottleRule>;
  return new Throttles(
    { ...rules, ...overrides },
    3600,
    createLimiterStore(null),
    "secret-for-tests",
  );
}

test("a reservation refused on one key gives back the attempts it took on the others", async () => {
  const t = throttles({
    RATE_LIMIT_ENROLL_CONTRACT: { limit: 2, windowSeconds: 3600 },
    RATE_LIMIT_ENROLL_IP: { limit: 1, windowSeconds: 3600 },
  });
  const ip = { throttle: "RATE_LIMIT_ENROLL_IP", value: "ip" } as const;
  const contract = { throttle: "RATE_LIMIT_ENROLL_CONTRACT", value: "C-1" } as const;
  const first = await t.reserve([ip]);
  expect(first.granted).toBe(true);
  // The client is out of attempts: these are refused, and the contract's attempts come back each time.
  for (let i = 0; i < 5; i++) expect((await t.reserve([contract, ip])).granted).toBe(false);
  await new Promise((resolve) => setImmediate(resolve));
  const a = await t.reserve([contract]);
  const b = await t.reserve([contract]);
  expect([a.granted, b.granted]).toEqual([true, true]);
});

test("a reservation is settled once: a second release gives nothing more back", async () => {
  const t = throttles({ RATE_LIMIT_SIGNIN_EMAIL: { limit: 2, windowSeconds: 3600 } });
  const key = [{ throttle: "RATE_LIMIT_SIGNIN_EMAIL", value: "a@b.example" }] as const;
  const r = await t.reserve([...key]);
  if (!r.granted) throw new Error("refused");
  await r.reservation.fail();
  await r.reservation.release();
  await r.reservation.release();
  const second = await t.reserve([...key]);
  const third = await t.reserve([...key]);
  expect([second.granted, third.granted]).toEqual([true, false]);
});

test("an unreachable Redis makes every call fail as LimiterUnavailableError", async () => {
  const store = createLimiterStore("redis://127.0.0.1:1");
  const throttle = new Throttle("down", rule, 3600, store);
  await expect(throttle.reserve("k")).rejects.toBeInstanceOf(LimiterUnavailableError);
  await expect(throttle.release("k")).rejects.toBeInstanceOf(LimiterUnavailableError);
  await expect(throttle.settleFailure("k", 3)).rejects.toBeInstanceOf(LimiterUnavailableError);
  expect(await store.ping()).toBe(false);
  await store.close();
});

test("give-backs on a key with no attempts taken add no attempts", async () => {
  const throttle = newThrottle();
  for (let i = 0; i < 5; i++) await throttle.release("k");
  const tries = [];
  for (let i = 0; i < 4; i++) tries.push((await throttle.reserve("k")).granted);
  expect(tries).toEqual([true, true, true, false]);
});

test("in memory a give-back never creates a count nor takes it below zero", async () => {
  const counter = createLimiterStore(null).counter("t:f", 60);
  await counter.giveBack("k");
  expect(await counter.get("k")).toBeNull();
  await counter.take("k", "a");
  await counter.giveBack("k");
  await counter.giveBack("k");
  expect((await counter.get("k"))?.count).toBe(0);
});

test("in memory a give-back after its window ended takes nothing from the next window", async () => {
  const counter = createLimiterStore(null).counter("t:f", 1);
  await counter.take("k", "first");
  await new Promise((resolve) => setTimeout(resolve, 1100));
  await counter.take("k", "second");
  expect(await counter.cancel("k", "first")).toBe(true);
  expect((await counter.get("k"))?.count).toBe(1);
});
