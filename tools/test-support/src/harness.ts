import { randomBytes } from "node:crypto";
import { Client } from "pg";
import pino from "pino";
import { redisProblem } from "./redis";
import { SmtpCapture } from "./smtp-capture";
import { loadConfig } from "@portal/api/config/config";
import { THROTTLE_DEFAULTS } from "@portal/api/throttle/throttle.rules";
import { openDatabase, type Database } from "@portal/api/db/database";
import { startServer, type RunningServer } from "@portal/api/server";
import {
  type ImportOptions,
  importServicingExport,
} from "@portal/api/servicing/servicing-import.service";

/**
 * A fresh database per test file: in-memory PGlite by default, or a throw-away database on the
 * PostgreSQL server named by DATABASE_URL (CI runs the suite both ways).
 */
export async function createTestDatabase(): Promise<{
  db: Database;
  url?: string;
  drop: () => Promise<void>;
}> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const db = await openDatabase({ kind: "embedded", dataDir: null });
    await db.migrate();
    return { db, drop: () => db.close() };
  }
  const name = `enroll_test_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ kind: "postgres", url: url.toString() });
  await db.migrate();
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const client = new Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** Imports servicing data given as a JSON value (records and, for a delta, `removed` lists). */
export async function importFixture(db: Database, raw: unknown, options: ImportOptions = {}) {
  return importServicingExport(db, raw as Parameters<typeof importServicingExport>[1], options);
}

/**
 * Runs `work` while `table` is renamed away (the database failing in the middle of a request) and
 * renames it back afterwards, whatever `work` did.
 */
export async function withTableMissing<T>(
  db: Database,
  table: string,
  work: () => Promise<T>,
): Promise<T> {
  const away = `${table}_unavailable`;
  await db.prisma.$executeRawUnsafe(`ALTER TABLE ${table} RENAME TO ${away}`);
  try {
    return await work();
  } finally {
    await db.prisma.$executeRawUnsafe(`ALTER TABLE ${away} RENAME TO ${table}`);
  }
}

export interface TestApp {
  db: Database;
  /** Every log line the server wrote (JSON text), when started with `captureLogs`. */
  logs: string[];
  server: RunningServer;
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<{
    status: number;
    body: { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    text: string;
  }>;
  close(): Promise<void>;
}

/** The configuration of test servers; `env` overrides it as environment variables would. */
export function testConfig(env: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    WEB_DIST_DIR: "/nonexistent",
    PUBLIC_URL: "http://portal.test",
    // Suites about other behaviour repeat rejected attempts; throttling suites set tight limits themselves.
    ...Object.fromEntries(Object.keys(THROTTLE_DEFAULTS).map((name) => [name, "10000/3600"])),
    ...env,
  });
}

/** Starts the real server on a free port; `env` overrides configuration as environment variables would. */
export async function startTestApp(
  fixture?: unknown,
  env: Record<string, string> = {},
  options: { captureLogs?: boolean } = {},
): Promise<TestApp> {
  const { db, drop } = await createTestDatabase();
  if (fixture) await importFixture(db, fixture);
  const config = testConfig(env);
  const logs: string[] = [];
  const logger = options.captureLogs
    ? pino({ level: "debug" }, { write: (line: string) => void logs.push(line) })
    : pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const server = await startServer(config, db, logger);
  return {
    db,
    logs,
    server,
    async graphql(query, variables) {
      const response = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      return { status: response.status, body: JSON.parse(text), text };
    },
    async close() {
      await server.stop();
      await drop();
    },
  };
}

/**
 * The test app of the tests around the call (a file, or a describe block): `startTestApp` before
 * the first of them, `close()` after the last. The returned object is filled in when it starts.
 */
export function useTestApp(
  fixture?: unknown,
  env: Record<string, string> = {},
  options: { captureLogs?: boolean } = {},
): TestApp {
  const app = {} as TestApp;
  let started: TestApp | undefined;
  beforeAll(async () => {
    started = await startTestApp(fixture, env, options);
    Object.assign(app, started);
  });
  afterAll(() => started?.close());
  return app;
}

/** A test app that mails through a real SMTP capture. */
export interface MailingTestApp extends TestApp {
  smtp: SmtpCapture;
}

/**
 * `startTestApp` with its mail going to a fresh SMTP capture (`app.smtp`), the worker polling every
 * 100 ms so a test waits for mail, not for the poll; `close()` stops the server and the capture.
 */
export async function startMailingTestApp(
  fixture?: unknown,
  env: Record<string, string> = {},
  options: { captureLogs?: boolean } = {},
): Promise<MailingTestApp> {
  const smtp = await new SmtpCapture().start();
  let app: TestApp;
  try {
    app = await startTestApp(
      fixture,
      { SMTP_URL: smtp.url, MAIL_POLL_INTERVAL_MS: "100", ...env },
      options,
    );
  } catch (error) {
    await smtp.stop();
    throw error;
  }
  return {
    ...app,
    smtp,
    async close() {
      await app.close();
      await smtp.stop();
    },
  };
}

/**
 * Another API instance on the same database: its own HTTP server, services, limiter and Redis
 * connection, as a second process would have. Stopped by the caller.
 */
export function startSecondInstance(
  app: TestApp,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  return startServer(
    testConfig(env),
    app.db,
    pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
  );
}

/** Whether a Redis server answers at `url`; when REQUIRE_REDIS=1 (CI) a missing one is an error, not a skip. */
export async function redisForTests(
  url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
): Promise<string | null> {
  const problem = await redisProblem(url);
  if (problem === null) return url;
  if (process.env.REQUIRE_REDIS === "1")
    throw new Error(`Redis is required (REQUIRE_REDIS=1) but ${url} does not answer: ${problem}`);
  console.warn(`SKIPPED: this suite needs Redis at ${url}`);
  return null;
}

export const SELF_ENROLL = `
  mutation SelfEnroll($input: SelfEnrollInput!) {
    selfEnroll(input: $input) {
      __typename
      ... on EnrollmentStarted { email message }
      ... on EnrollmentRejected { code message }
      ... on InputInvalid { message fieldErrors { field code message } }
      ... on RateLimited { retryAfterSeconds reason message }
    }
  }`;

export type SelfEnrollVariables = {
  firstName?: string;
  lastName?: string;
  email: string;
  billingPostalCode: string;
  contractId: string;
};

export type SelfEnrollPayload = {
  selfEnroll: {
    __typename: "EnrollmentStarted" | "EnrollmentRejected" | "InputInvalid" | "RateLimited";
    email?: string;
    code?: string;
    message: string;
    fieldErrors?: { field: string; code: string; message: string }[];
  };
};

export async function selfEnroll(app: TestApp, input: SelfEnrollVariables) {
  const response = await app.graphql<SelfEnrollPayload>(SELF_ENROLL, {
    input: { firstName: "Test", lastName: "Person", ...input },
  });
  if (!response.body.data) throw new Error(`selfEnroll failed: ${response.text}`);
  return { ...response.body.data.selfEnroll, raw: response.text };
}
