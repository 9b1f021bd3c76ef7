import path from "node:path";
import { z } from "zod";
import { loadPortalCopy } from "../copy/portal-copy.loader";
import { type PortalCopyFile, inLanguage } from "../copy/portal-copy.schema";
import { REPO_ROOT } from "./paths";
import {
  THROTTLE_DEFAULTS,
  type ThrottleName,
  type ThrottleRule,
  throttleRule,
} from "../throttle/throttle.rules";
import { ConfigError } from "./config-error";

export { ConfigError };

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must be a postgres:// or postgresql:// URL");

/** Every environment variable the service reads, with its default. Documented in docs/configuration.md. */
const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, ".data", "pglite")),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  LOG_FORMAT: z.enum(["json", "pretty"]).optional(),
  DEMO_DATA: booleanFlag.optional(),
  WEB_DIST_DIR: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, "apps", "web", "dist")),
  INTROSPECTION: booleanFlag.optional(),

  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), "must be an smtp:// or smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  PORTAL_COPY_FILE: z
    .string()
    .min(1)
    .default(path.join(REPO_ROOT, "config", "portal-copy.json")),
  VERIFICATION_TOKEN_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(24),
  RESET_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(60),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  MAIL_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  MAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).default(5000),
  MAIL_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(15 * 60_000),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(40),

  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), "must be a redis:// or rediss:// URL")
    .optional(),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(false|true|\d+|[0-9a-fA-F.:/, ]+|loopback|linklocal|uniquelocal)$/,
      "false, true, a hop count, or IP addresses/subnets",
    )
    .default("false"),
  IP_HASH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(32_768),
  RATE_LIMIT_MAX_BLOCK_SECONDS: z.coerce.number().int().min(1).default(86_400),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(5000),
  AUTOMATIC_PERSISTED_QUERIES: booleanFlag.default(false),
  STAFF_SECRET_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  STAFF_INVITE_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 14)
    .default(72),
  METRICS_PORT: z.union([z.literal("off"), z.coerce.number().int().min(0).max(65535)]).optional(),
  METRICS_HOST: z.string().min(1).optional(),
  ALLOW_ARBITRARY_OPERATIONS: booleanFlag.optional(),
  TRUSTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  SUPPORT_TRUSTED_DOCUMENTS_FILE: z.string().min(1).optional(),
  RATE_LIMIT_STORE_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1000),
  // Read by telemetry/tracing.ts before this runs; validated here so that a bad value stops the process.
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).max(200).optional(),
  ...(Object.fromEntries(
    // A string default piped into the parser: zod's .default() on the parser itself would skip parsing.
    Object.entries(THROTTLE_DEFAULTS).map(([name, value]) => [
      name,
      z.string().default(value).pipe(throttleRule),
    ]),
  ) as Record<ThrottleName, z.ZodPipe<z.ZodDefault<z.ZodString>, typeof throttleRule>>),
});

export type Config = z.infer<typeof schema> & {
  database: { kind: "postgres"; url: string } | { kind: "embedded"; dataDir: string };
  introspection: boolean;
  loadDemoData: boolean;
  publicUrl: string;
  mail: {
    smtpUrl: string | null;
    /** No SMTP_URL outside production: messages stay in the outbox, shown at /dev/mailbox. */
    devMailbox: boolean;
    from: string;
    pollIntervalMs: number;
    retryBaseMs: number;
    retryMaxMs: number;
    maxAttempts: number;
  };
  /** Operator copy (PORTAL_COPY_FILE): portal name, support contact, hints, rejection message. */
  copy: PortalCopyFile;
  branding: { portalName: string; supportEmail: string; supportPhone: string | null };
  tokens: { verificationTtlMs: number; resetTtlMs: number };
  sessions: { idleMs: number; absoluteMs: number; secureCookie: boolean };
  throttle: {
    redisUrl: string | null;
    rules: Record<ThrottleName, ThrottleRule>;
    maxBlockSeconds: number;
    /** How long a limiter command may take before the operation is refused (LIMITER_UNAVAILABLE). */
    storeTimeoutMs: number;
  };
  /** Express "trust proxy": which X-Forwarded-For hops to believe for the client IP. */
  trustProxy: boolean | number | string;
  /** Keys IP hashes in the audit trail and throttle keys. */
  ipHashSecret: string;
  /** The support console (docs/support-console.md). */
  staff: {
    /**
     * Seals staff TOTP secrets in the database. Null in production without STAFF_SECRET_KEY: the
     * support console is then off (its endpoint answers 404 and staff:invite refuses).
     */
    secretKey: string | null;
    inviteTtlMs: number;
    /** Fixed by policy: 30 minutes idle, 12 hours at most. */
    idleMs: number;
    absoluteMs: number;
    secureCookie: boolean;
  };
  /** `GET /metrics` on its own port; null: not served. */
  metrics: { port: number; host: string } | null;
  /**
   * The web app's operations by hash (graphql/trusted-documents.ts): `file` lists the customer
   * pages' (/graphql), `supportFile` the staff pages' (/support/graphql, read only when the support
   * console is on). Full documents too unless production.
   */
  trustedDocuments: { file: string; supportFile: string; allowArbitraryOperations: boolean };
};

/** Reads and validates the environment once; a bad variable is named in the error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = schema.safeParse(defined);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) =>
          `${issue.path.join(".")}: ${issue.message} (got ${JSON.stringify(defined[String(issue.path[0])])})`,
      ),
    );
  }
  const values = parsed.data;
  const production = values.NODE_ENV === "production";
  const database = values.DATABASE_URL
    ? ({ kind: "postgres", url: values.DATABASE_URL } as const)
    : ({ kind: "embedded", dataDir: values.DATA_DIR } as const);
  if (production && !values.SMTP_URL) {
    throw new ConfigError([
      "SMTP_URL: required in production (without it mail only reaches the development mailbox)",
    ]);
  }
  if (production && !values.PUBLIC_URL) {
    throw new ConfigError(["PUBLIC_URL: required in production (links in emails point to it)"]);
  }
  if (production && !values.IP_HASH_SECRET) {
    throw new ConfigError([
      "IP_HASH_SECRET: required in production (keys the hashes of client IPs and emails)",
    ]);
  }
  const copy = loadPortalCopy(values.PORTAL_COPY_FILE);
  // Mail is written in English; the web app shows the copy in the reader's language.
  const branding = {
    portalName: inLanguage(copy.portalName, "en"),
    supportEmail: copy.support.email,
    supportPhone: copy.support.phone ?? null,
  };
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, "");
  return {
    ...values,
    database,
    introspection: values.INTROSPECTION ?? !production,
    loadDemoData: values.DEMO_DATA ?? (database.kind === "embedded" && !production),
    publicUrl,
    mail: {
      smtpUrl: values.SMTP_URL ?? null,
      devMailbox: !values.SMTP_URL,
      from:
        values.MAIL_FROM ?? `"${branding.portalName}" <no-reply@${new URL(publicUrl).hostname}>`,
      pollIntervalMs: values.MAIL_POLL_INTERVAL_MS,
      retryBaseMs: values.MAIL_RETRY_BASE_MS,
      retryMaxMs: values.MAIL_RETRY_MAX_MS,
      maxAttempts: values.MAIL_MAX_ATTEMPTS,
    },
    copy,
    branding,
    tokens: {
      verificationTtlMs: values.VERIFICATION_TOKEN_TTL_HOURS * 3_600_000,
      resetTtlMs: values.RESET_TOKEN_TTL_MINUTES * 60_000,
    },
    throttle: {
      redisUrl: values.REDIS_URL ?? null,
      rules: Object.fromEntries(
        Object.keys(THROTTLE_DEFAULTS).map((name) => [name, values[name as ThrottleName]]),
      ) as Record<ThrottleName, ThrottleRule>,
      maxBlockSeconds: values.RATE_LIMIT_MAX_BLOCK_SECONDS,
      storeTimeoutMs: values.RATE_LIMIT_STORE_TIMEOUT_MS,
    },
    trustProxy: parseTrustProxy(values.TRUST_PROXY),
    metrics: metricsEndpoint(values),
    staff: {
      secretKey:
        values.STAFF_SECRET_KEY ??
        (production ? null : "development-only-staff-secret-key-0123456789"),
      inviteTtlMs: values.STAFF_INVITE_TTL_HOURS * 3_600_000,
      idleMs: 30 * 60_000,
      absoluteMs: 12 * 3_600_000,
      secureCookie: production,
    },
    ipHashSecret: values.IP_HASH_SECRET ?? "development-only-ip-hash-secret",
    trustedDocuments: {
      // Where the web build puts it (apps/web/vite.config.ts), in a folder express.static does not serve.
      file:
        values.TRUSTED_DOCUMENTS_FILE ??
        path.join(values.WEB_DIST_DIR, ".vite", "persisted-documents.json"),
      supportFile:
        values.SUPPORT_TRUSTED_DOCUMENTS_FILE ??
        path.join(values.WEB_DIST_DIR, ".vite", "support-persisted-documents.json"),
      allowArbitraryOperations: values.ALLOW_ARBITRARY_OPERATIONS ?? !production,
    },
    sessions: {
      idleMs: values.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: values.SESSION_ABSOLUTE_HOURS * 3_600_000,
      secureCookie: production,
    },
  };
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === "false") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Served on 9464 (Prometheus exporters' usual port) in development; in production and tests only
 * when METRICS_PORT is set, since the port must be kept off the public network by the operator.
 */
function metricsEndpoint(values: {
  NODE_ENV: string;
  HOST: string;
  METRICS_PORT?: number | "off";
  METRICS_HOST?: string;
}): Config["metrics"] {
  const port = values.METRICS_PORT ?? (values.NODE_ENV === "development" ? 9464 : "off");
  return port === "off" ? null : { port, host: values.METRICS_HOST ?? values.HOST };
}
