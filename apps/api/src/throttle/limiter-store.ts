import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
} from "rate-limiter-flexible";
import {
  type AttemptCounter,
  defineCounterScripts,
  memoryCounter,
  PendingCancels,
  redisCounter,
} from "./attempt-counter";

export interface LimiterStore {
  kind: "memory" | "redis";
  limiter(prefix: string, points: number, durationSeconds: number): RateLimiterAbstract;
  counter(prefix: string, windowSeconds: number): AttemptCounter;
  /** Resolves true once the store can be used, or false after `timeoutMs` (requests then fail closed). */
  ready(timeoutMs: number): Promise<boolean>;
  /** Whether the store answers a command now, within its command timeout (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Counters in this process's memory (embedded default, one instance), or in Redis so limits hold
 * across several API instances. With Redis down, every call fails at once (no offline queue); with
 * Redis connected but not answering (stalled, overloaded, a half-open connection), every call fails
 * after `commandTimeoutMs`. Either way the callers fail closed, and an attempt whose answer never
 * came is cancelled (retried until Redis answers), so a refused request never counts.
 */
export function createLimiterStore(redisUrl: string | null, commandTimeoutMs = 1000): LimiterStore {
  if (!redisUrl) {
    return {
      kind: "memory",
      limiter: (prefix, points, duration) =>
        new RateLimiterMemory({ keyPrefix: prefix, points, duration }),
      counter: memoryCounter,
      ready: () => Promise.resolve(true),
      ping: () => Promise.resolve(true),
      close: () => Promise.resolve(),
    };
  }
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    // Without it a command on a connection that stays open but never answers waits for ever (ioredis
    // has no default), and so would every throttled request.
    commandTimeout: commandTimeoutMs,
    // Keep reconnecting in the background, so limits come back as soon as Redis does.
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
  redis.on("error", () => {
    // Reported through failing limiter calls; without a listener ioredis would print every retry.
  });
  defineCounterScripts(redis);
  const pending = new PendingCancels();
  return {
    kind: "redis",
    limiter: (prefix, points, duration) =>
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `portal:${prefix}`,
        points,
        duration,
        rejectIfRedisNotReady: true,
      }),
    counter: (prefix, windowSeconds) =>
      redisCounter(redis, pending, `portal:${prefix}`, windowSeconds),
    ready: (timeoutMs) =>
      redis.status === "ready"
        ? Promise.resolve(true)
        : new Promise((resolve) => {
            const timer = setTimeout(() => resolve(false), timeoutMs);
            redis.once("ready", () => {
              clearTimeout(timer);
              resolve(true);
            });
          }),
    ping: async () => {
      try {
        return (await redis.ping()) === "PONG";
      } catch {
        return false;
      }
    },
    close: async () => {
      pending.close();
      // QUIT lets Redis finish what was sent; a store that does not answer is cut off instead.
      if (redis.status !== "ready") return redis.disconnect();
      await Promise.race([
        redis.quit().catch(() => {}),
        new Promise((resolve) => setTimeout(resolve, commandTimeoutMs).unref()),
      ]);
      redis.disconnect();
    },
  };
}
