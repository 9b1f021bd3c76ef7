import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/** A key's attempts in its window. */
export interface Count {
  count: number;
  msBeforeNext: number;
}

/**
 * The attempts of one limit, per key, in a fixed window. Each take is named (`id`), so a take whose
 * answer never came can be undone exactly: `cancel` gives it back if it was counted, and keeps it
 * from counting if it arrives later (a stalled store applies what it was sent once it answers).
 */
export interface AttemptCounter {
  /** Adds one to the key's count (starting a window when there is none) and returns the count. */
  take(key: string, id: string): Promise<Count>;
  /**
   * Undoes the take `id`, whether the store has applied it yet or not. Never throws: resolves true
   * once done, or false when the store did not answer, in which case it is retried in the background
   * until the store answers (or the store is closed).
   */
  cancel(key: string, id: string): Promise<boolean>;
  /** Subtracts one from the key's count. */
  giveBack(key: string): Promise<void>;
  get(key: string): Promise<Count | null>;
  delete(key: string): Promise<void>;
}

/** In this process: a take is applied before its promise settles, so undoing it is a give-back. */
export function memoryCounter(prefix: string, windowSeconds: number): AttemptCounter {
  const limiter = new RateLimiterMemory({ keyPrefix: prefix, points: 1, duration: windowSeconds });
  const counted = (res: RateLimiterRes): Count => ({
    count: res.consumedPoints,
    msBeforeNext: res.msBeforeNext,
  });
  const giveBack = async (key: string) => {
    await limiter.reward(key, 1);
  };
  return {
    take: (key) =>
      limiter.consume(key).then(counted, (res: unknown) => {
        if (res instanceof RateLimiterRes) return counted(res);
        throw res;
      }),
    cancel: (key) => giveBack(key).then(() => true),
    giveBack,
    get: async (key) => {
      const res = await limiter.get(key);
      return res ? counted(res) : null;
    },
    delete: async (key) => {
      await limiter.delete(key);
    },
  };
}

/**
 * KEYS: the count, the take's mark. ARGV: the window in seconds. The mark (`t` taken, `c`
 * cancelled) lives for one window, as long as any count the take could add to.
 */
const TAKE = `
local mark = redis.call('get', KEYS[2])
if mark == 'c' then return {-1, 0} end
if not mark then
  redis.call('set', KEYS[2], 't', 'EX', ARGV[1])
  redis.call('set', KEYS[1], 0, 'EX', ARGV[1], 'NX')
  redis.call('incr', KEYS[1])
end
local count = tonumber(redis.call('get', KEYS[1]) or '0')
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('expire', KEYS[1], ARGV[1])
  ttl = 1000 * ARGV[1]
end
return {count, ttl}
`;
/** Taken: give it back (never below zero, never creating the count). Not arrived yet: mark it cancelled. */
const CANCEL = `
local mark = redis.call('get', KEYS[2])
if mark == 'c' then return 0 end
if mark == 't' then
  redis.call('set', KEYS[2], 'c', 'KEEPTTL')
  local count = tonumber(redis.call('get', KEYS[1]))
  if count and count > 0 then redis.call('decr', KEYS[1]) end
  return 1
end
redis.call('set', KEYS[2], 'c', 'EX', ARGV[1])
return 0
`;
const GIVE_BACK = `
redis.call('set', KEYS[1], 0, 'EX', ARGV[1], 'NX')
return redis.call('decr', KEYS[1])
`;
const GET = `return {tonumber(redis.call('get', KEYS[1]) or '-1'), redis.call('pttl', KEYS[1])}`;

interface Scripts {
  portalTake(count: string, mark: string, windowSeconds: number): Promise<[number, number]>;
  portalCancel(count: string, mark: string, windowSeconds: number): Promise<number>;
  portalGiveBack(count: string, windowSeconds: number): Promise<number>;
  portalGet(count: string): Promise<[number, number]>;
}

export function defineCounterScripts(redis: Redis): void {
  redis.defineCommand("portalTake", { numberOfKeys: 2, lua: TAKE });
  redis.defineCommand("portalCancel", { numberOfKeys: 2, lua: CANCEL });
  redis.defineCommand("portalGiveBack", { numberOfKeys: 1, lua: GIVE_BACK });
  redis.defineCommand("portalGet", { numberOfKeys: 1, lua: GET });
}

/** Cancels still to be sent, per store: bounded, so an outage cannot grow them without end. */
export class PendingCancels {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly max = 10_000) {}

  /** Runs `attempt` again with a growing delay (at most 2 s) until it succeeds or the store closes. */
  retry(attempt: () => Promise<unknown>, tries = 1): void {
    if (this.closed || this.timers.size >= this.max) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        attempt().catch(() => this.retry(attempt, tries + 1));
      },
      Math.min(2000, 100 * 2 ** tries),
    );
    timer.unref();
    this.timers.add(timer);
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** In Redis, shared by every instance: each call is one script, so it is atomic. */
export function redisCounter(
  redis: Redis,
  pending: PendingCancels,
  prefix: string,
  windowSeconds: number,
): AttemptCounter {
  const scripts = redis as unknown as Scripts;
  const countKey = (key: string) => `${prefix}:${key}`;
  const markKey = (key: string, id: string) => `${prefix}:${key}:${id}`;
  return {
    take: async (key, id) => {
      const [count, ttl] = await scripts.portalTake(countKey(key), markKey(key, id), windowSeconds);
      // Only a take sent again after its own cancel could see this; its sender has given up on it.
      if (count < 0) throw new Error("attempt cancelled before it was counted");
      return { count, msBeforeNext: ttl };
    },
    cancel: async (key, id) => {
      const attempt = () => scripts.portalCancel(countKey(key), markKey(key, id), windowSeconds);
      try {
        await attempt();
        return true;
      } catch {
        pending.retry(attempt);
        return false;
      }
    },
    giveBack: async (key) => {
      await scripts.portalGiveBack(countKey(key), windowSeconds);
    },
    get: async (key) => {
      const [count, ttl] = await scripts.portalGet(countKey(key));
      return count < 0 ? null : { count, msBeforeNext: Math.max(0, ttl) };
    },
    delete: async (key) => {
      await redis.del(countKey(key));
    },
  };
}
