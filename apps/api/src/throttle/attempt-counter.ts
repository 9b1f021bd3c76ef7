import type { Redis } from "ioredis";

/** A key's attempts in its window. */
export interface Count {
  count: number;
  msBeforeNext: number;
}

/**
 * The attempts of one limit, per key, in a fixed window. Each take is named (`id`), so a take whose
 * answer never came can be undone exactly: `cancel` gives it back if it was counted, and keeps it
 * from counting if it arrives later (a stalled store applies what it was sent once it answers).
 * A give-back never creates a count nor takes it below zero, and one of a take whose window has
 * ended takes nothing from the next window: otherwise give-backs landing late would leave a key
 * below zero, and more than the limit would be judged in the next window.
 */
export interface AttemptCounter {
  /** Adds one to the key's count (starting a window when there is none) and returns the count. */
  take(key: string, id: string): Promise<Count>;
  /**
   * Undoes the take `id`, whether the store has applied it yet or not. Never throws: resolves true
   * once done, or false when the store did not answer, in which case it is retried in the background
   * until the store answers (or the store is closed). `answered`: the take's answer came, so it
   * cannot arrive again and leaves no trace (a refused flood costs the store nothing).
   */
  cancel(key: string, id: string, answered?: boolean): Promise<boolean>;
  /** Subtracts one from the key's count, if it has one above zero (its window's end stays). */
  giveBack(key: string): Promise<void>;
  get(key: string): Promise<Count | null>;
  delete(key: string): Promise<void>;
}

interface Window {
  count: number;
  endsAt: number;
  /** The takes counted in this window not yet given back. */
  takes: Set<string>;
}

/**
 * In this process: each call runs to its end before another starts (nothing is awaited), so it is
 * atomic; a take is applied before its promise settles, so a cancel never comes before its take.
 * (rate-limiter-flexible's memory store lets a give-back recreate an expired key below zero.)
 */
export function memoryCounter(_prefix: string, windowSeconds: number): AttemptCounter {
  const windows = new Map<string, Window>();
  const current = (key: string): Window | undefined => {
    const window = windows.get(key);
    if (window && window.endsAt <= Date.now()) windows.delete(key);
    else return window;
  };
  const left = (window: Window): Count => ({
    count: window.count,
    msBeforeNext: Math.max(0, window.endsAt - Date.now()),
  });
  return {
    take: (key, id) => {
      let window = current(key);
      if (!window) {
        const started: Window = {
          count: 0,
          endsAt: Date.now() + windowSeconds * 1000,
          takes: new Set(),
        };
        windows.set(key, (window = started));
        setTimeout(() => {
          if (windows.get(key) === started) windows.delete(key);
        }, windowSeconds * 1000).unref();
      }
      window.count += 1;
      window.takes.add(id);
      return Promise.resolve(left(window));
    },
    cancel: (key, id) => {
      const window = current(key);
      if (window?.takes.delete(id) && window.count > 0) window.count -= 1;
      return Promise.resolve(true);
    },
    giveBack: (key) => {
      const window = current(key);
      if (window && window.count > 0) window.count -= 1;
      return Promise.resolve();
    },
    get: (key) => {
      const window = current(key);
      return Promise.resolve(window ? left(window) : null);
    },
    delete: (key) => {
      windows.delete(key);
      return Promise.resolve();
    },
  };
}

/**
 * KEYS: the count, the take's mark. ARGV: the window in seconds. The mark `t` (taken) ends with the
 * count's window, so a cancel after it finds nothing to give back; `c` (cancelled) lives one window.
 */
const TAKE = `
local mark = redis.call('get', KEYS[2])
if mark == 'c' then return {-1, 0} end
if not mark then
  redis.call('set', KEYS[1], 0, 'EX', ARGV[1], 'NX')
  redis.call('incr', KEYS[1])
end
local count = tonumber(redis.call('get', KEYS[1]) or '0')
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('expire', KEYS[1], ARGV[1])
  ttl = 1000 * ARGV[1]
end
if not mark then redis.call('set', KEYS[2], 't', 'PX', math.max(ttl, 1)) end
return {count, ttl}
`;
/**
 * ARGV: the window in seconds, 1 when the take's answer came. Taken: give it back (never below zero,
 * never creating the count). Not arrived yet: mark it cancelled, unless it was answered (then its
 * window has ended: nothing to do).
 */
const CANCEL = `
local mark = redis.call('get', KEYS[2])
if mark == 'c' then return 0 end
if mark == 't' then
  if ARGV[2] == '1' then redis.call('del', KEYS[2]) else redis.call('set', KEYS[2], 'c', 'KEEPTTL') end
  local count = tonumber(redis.call('get', KEYS[1]))
  if count and count > 0 then redis.call('decr', KEYS[1]) end
  return 1
end
if ARGV[2] ~= '1' then redis.call('set', KEYS[2], 'c', 'EX', ARGV[1]) end
return 0
`;
/** DECR keeps the key's expiry; a missing count (its window ended) stays missing. */
const GIVE_BACK = `
local count = tonumber(redis.call('get', KEYS[1]))
if count and count > 0 then redis.call('decr', KEYS[1]) end
return 0
`;
const GET = `return {tonumber(redis.call('get', KEYS[1]) or '-1'), redis.call('pttl', KEYS[1])}`;

interface Scripts {
  portalTake(count: string, mark: string, windowSeconds: number): Promise<[number, number]>;
  portalCancel(
    count: string,
    mark: string,
    windowSeconds: number,
    answered: 0 | 1,
  ): Promise<number>;
  portalGiveBack(count: string): Promise<number>;
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
    cancel: async (key, id, answered = false) => {
      const attempt = () =>
        scripts.portalCancel(countKey(key), markKey(key, id), windowSeconds, answered ? 1 : 0);
      try {
        await attempt();
        return true;
      } catch {
        pending.retry(attempt);
        return false;
      }
    },
    giveBack: async (key) => {
      await scripts.portalGiveBack(countKey(key));
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
