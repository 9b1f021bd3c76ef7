import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { startApi, type ApiProcess } from "./api-process";
import { freshDatabase, type DatabaseOptions, type DrillDatabase } from "./database";
import type { Scope } from "./scope";
import { SmtpSink } from "./smtp-sink";

/** What every phase needs: the API under test, the servers it uses, the servicing file. */
export interface DrillContext extends DatabaseOptions {
  mainJs: string;
  redisUrl: string;
  runs: number;
}

const LOOSE = "100000/3600";

/** Limits that never refuse the drill's own load (one client address, one customer, many people). */
export const LOAD_LIMITS = {
  RATE_LIMIT_ENROLL_CONTRACT: LOOSE,
  RATE_LIMIT_ENROLL_IP: LOOSE,
  RATE_LIMIT_ENROLL_CUSTOMER: LOOSE,
  RATE_LIMIT_ENROLL_EMAIL: LOOSE,
};

/** Every other throttle loose too, for phases that repeat sign-ins or mail requests on purpose. */
export const ALL_LOOSE = {
  ...LOAD_LIMITS,
  RATE_LIMIT_SIGNIN_EMAIL: LOOSE,
  RATE_LIMIT_CUSTOMER_SIGNIN_EMAIL: LOOSE,
  RATE_LIMIT_SIGNIN_DEVICE: LOOSE,
  RATE_LIMIT_SIGNIN_IP: LOOSE,
  RATE_LIMIT_TOKEN_IP: LOOSE,
  RATE_LIMIT_MAIL_EMAIL: LOOSE,
  RATE_LIMIT_MAIL_IP: LOOSE,
};

export const freshSecret = () => randomBytes(16).toString("hex");

/** The production configuration the drill runs the API with. */
export function apiEnv(options: {
  smtp: SmtpSink;
  db: DrillDatabase;
  secret?: string;
  redisUrl?: string;
  limits: Record<string, string>;
}) {
  return {
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    WEB_DIST_DIR: "/nonexistent",
    LOG_LEVEL: "info",
    SMTP_URL: options.smtp.url,
    PUBLIC_URL: "http://portal.test",
    IP_HASH_SECRET: options.secret ?? freshSecret(),
    // The drill's requests are full documents (no web build needed).
    ALLOW_ARBITRARY_OPERATIONS: "true",
    DATABASE_URL: options.db.url,
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    ...options.limits,
  };
}

/** A fresh database, an SMTP sink and one API process on them, all undone when `scope` closes. */
export async function singleInstance(
  scope: Scope,
  ctx: DrillContext,
  label: string,
  options: { limits: Record<string, string>; smtpDelayMs?: number; redisUrl?: string },
): Promise<{ db: DrillDatabase; smtp: SmtpSink; api: ApiProcess }> {
  const db = await freshDatabase(scope, ctx, label);
  const smtp = await new SmtpSink().start(scope, options.smtpDelayMs ?? 0);
  const api = await startApi(
    scope,
    ctx.mainJs,
    apiEnv({ smtp, db, limits: options.limits, redisUrl: options.redisUrl }),
  );
  return { db, smtp, api };
}

/** Throws unless a Redis server answers PING at `url`. */
export async function requireRedis(url: string): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const pong = await client.ping();
    if (pong !== "PONG") throw new Error(`Redis at ${url} answered ${String(pong)}`);
  } catch (error) {
    throw new Error(`Redis at ${url} does not answer: ${(error as Error).message}`);
  } finally {
    client.disconnect();
  }
}
