import { randomBytes } from "node:crypto";
import {
  type ApiProcess,
  redisProblem,
  SmtpCapture,
  startApiProcess,
} from "@portal/test-support/standalone";
import { freshDatabase, type DatabaseOptions, type DrillDatabase } from "./database";
import type { Scope } from "./scope";

/** What every phase needs: the API under test, the servers it uses, the servicing file. */
export interface DrillContext extends DatabaseOptions {
  mainJs: string;
  redisUrl: string;
  runs: number;
  /** Time between two terminations of every backend (terminations phase). */
  cutEveryMs: number;
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

/** The production configuration the drill runs the API with (on a free loopback port, without the web app). */
export function apiEnv(options: {
  smtp: SmtpCapture;
  db: DrillDatabase;
  secret?: string;
  redisUrl?: string;
  limits: Record<string, string>;
}) {
  return {
    NODE_ENV: "production",
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

/** `node <main.js>` as an operator runs it; killed (SIGKILL) when `scope` closes if it is still running. */
export function startApi(
  scope: Scope,
  mainJs: string,
  env: Record<string, string>,
): Promise<ApiProcess> {
  return startApiProcess(env, {
    main: mainJs,
    onSpawn: (api) => scope.defer("kill API process", () => api.kill()),
  });
}

/** A loopback SMTP server taking `delayMs` a message (a slow relay), stopped when `scope` closes. */
export async function smtpSink(scope: Scope, delayMs = 0): Promise<SmtpCapture> {
  const smtp = await new SmtpCapture().start(0, { delayMs });
  scope.defer("stop SMTP sink", () => smtp.stop());
  return smtp;
}

/** A fresh database, an SMTP sink and one API process on them, all undone when `scope` closes. */
export async function singleInstance(
  scope: Scope,
  ctx: DrillContext,
  label: string,
  options: { limits: Record<string, string>; smtpDelayMs?: number; redisUrl?: string },
): Promise<{ db: DrillDatabase; smtp: SmtpCapture; api: ApiProcess }> {
  const db = await freshDatabase(scope, ctx, label);
  const smtp = await smtpSink(scope, options.smtpDelayMs);
  const api = await startApi(
    scope,
    ctx.mainJs,
    apiEnv({ smtp, db, limits: options.limits, redisUrl: options.redisUrl }),
  );
  return { db, smtp, api };
}

/** Throws unless a Redis server answers PING at `url`. */
export async function requireRedis(url: string): Promise<void> {
  const problem = await redisProblem(url, 2000);
  if (problem !== null) throw new Error(`Redis at ${url} does not answer: ${problem}`);
}
