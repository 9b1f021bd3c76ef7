import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "pg";
import {
  type ApiProcess,
  logged,
  load,
  loadPerson,
  productionTestEnv,
  startApiProcess,
  servicingFixtureWithPeople,
  SELF_ENROLL,
  createTestDatabase,
  importFixture,
  SmtpCapture,
  PARTIAL_ENROLLMENTS_SQL,
  type PartialEnrollment,
} from "@portal/test-support";
import { openDatabase, type Database } from "../src/db/database";

/**
 * The built API as a real process in production mode (`node apps/api/dist/main.js`), as an operator
 * runs it: what a signal or a broken database connection does to the process itself.
 */

const PEOPLE = 400;
/** The servicing fixture with PEOPLE more contacts of C-US, each able to enroll with contract US-001. */
const fixture = servicingFixtureWithPeople(PEOPLE);

/** A database the process will use, with the fixture loaded: a throw-away PostgreSQL database, or an embedded folder. */
async function prepareDatabase(): Promise<{
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}> {
  if (process.env.DATABASE_URL) {
    const created = await createTestDatabase();
    await importFixture(created.db, fixture);
    return {
      env: { DATABASE_URL: created.url! },
      open: async () => created.db,
      drop: () => created.drop(),
    };
  }
  // Embedded: one process at a time owns the folder, so it is filled here, closed, then handed over.
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-process-"));
  const db = await openDatabase({ kind: "embedded", dataDir });
  await db.migrate();
  await importFixture(db, fixture);
  await db.close();
  let reopened: Database | undefined;
  return {
    env: { DATA_DIR: dataDir },
    open: async () => (reopened ??= await openDatabase({ kind: "embedded", dataDir })),
    async drop() {
      await reopened?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function productionEnv(smtp: SmtpCapture, db: Record<string, string>): Record<string, string> {
  return productionTestEnv(smtp.url, {
    RATE_LIMIT_ENROLL_IP: "100000/3600",
    RATE_LIMIT_ENROLL_CONTRACT: "100000/3600",
    RATE_LIMIT_ENROLL_CUSTOMER: "100000/3600",
    ...db,
  });
}

type Outcome =
  | { kind: "answer"; typename: string }
  | { kind: "masked" }
  | { kind: "http"; status: number }
  | { kind: "network"; message: string };

async function enroll(url: string, input: ReturnType<typeof loadPerson>): Promise<Outcome> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SELF_ENROLL, variables: { input } }),
    });
    if (response.status !== 200) return { kind: "http", status: response.status };
    const body = (await response.json()) as {
      data?: { selfEnroll: { __typename: string } };
      errors?: { extensions?: { code?: string } }[];
    };
    if (body.data) return { kind: "answer", typename: body.data.selfEnroll.__typename };
    return body.errors?.[0]?.extensions?.code === "INTERNAL_SERVER_ERROR"
      ? { kind: "masked" }
      : { kind: "http", status: 200 };
  } catch (error) {
    return { kind: "network", message: String((error as Error).cause ?? error) };
  }
}

/** Accounts missing one of the rows an enrollment writes together (partial enrollments). */
function partialEnrollments(db: Database): Promise<PartialEnrollment[]> {
  return db.prisma.$queryRawUnsafe(PARTIAL_ENROLLMENTS_SQL);
}

let smtp: SmtpCapture;
let api: ApiProcess | undefined;
let database: Awaited<ReturnType<typeof prepareDatabase>> | undefined;
beforeEach(async () => {
  // A relay that takes 150 ms a message: mail is still being sent when the signal comes.
  smtp = await new SmtpCapture().start(0, { delayMs: 150 });
  database = await prepareDatabase();
});
afterEach(async () => {
  await api?.kill();
  api = undefined;
  await database?.drop();
  await smtp.stop();
});

test("SIGTERM under load: requests in flight are answered, claimed mail is given back, the process exits 0 within seconds", async () => {
  api = await startApiProcess(productionEnv(smtp, database!.env));
  const running = api;
  let signalledAt = 0;
  const outcomes = load(
    0,
    PEOPLE,
    8,
    (i) => enroll(running.url, loadPerson(i)),
    () => !running.alive(),
  );
  // Signal once mail is queued faster than the relay takes it.
  while (smtp.messages.length < 10) await new Promise((resolve) => setTimeout(resolve, 20));
  signalledAt = Date.now();
  running.child.kill("SIGTERM");
  const exit = await running.exited;
  const results = await outcomes;

  expect(exit.code).toBe(0);
  expect(exit.atMs - signalledAt).toBeLessThan(8000);
  expect(logged(running.lines, /^stopped$/)).toHaveLength(1);
  // Every request got an answer or found the door closed; none was cut off half-way or failed.
  const failures = results.filter((r) => r.kind === "http" || r.kind === "masked");
  expect(failures).toEqual([]);
  expect(results.filter((r) => r.kind === "answer").length).toBeGreaterThan(10);
  for (const r of results)
    if (r.kind === "network")
      expect(r.message).toMatch(/ECONNREFUSED|other side closed|ECONNRESET|socket/i);

  const db = await database!.open();
  // Nothing claimed is stranded under a lease: what was not sent is due at once for the next instance.
  const stranded = await db.prisma.mailOutbox.count({
    where: { sentAt: null, failedAt: null, lockedUntil: { gt: new Date() } },
  });
  expect(stranded).toBe(0);
  // What the relay accepted is marked sent, once; every enrollment answered has its mail.
  const sent = await db.prisma.mailOutbox.count({ where: { sentAt: { not: null } } });
  expect(sent).toBe(smtp.messages.length);
  const started = results.filter(
    (r) => r.kind === "answer" && r.typename === "EnrollmentStarted",
  ).length;
  const accounts = await db.prisma.portalUser.count();
  expect(accounts).toBeGreaterThanOrEqual(started);
  expect(await db.prisma.mailOutbox.count()).toBe(accounts);
  expect(await partialEnrollments(db)).toEqual([]);
});

const onPostgres = process.env.DATABASE_URL ? test : test.skip;

onPostgres(
  "backends terminated again and again under load: the process stays up, answers, and leaves no partial enrollment",
  async () => {
    api = await startApiProcess(productionEnv(smtp, database!.env));
    const running = api;
    const db = await database!.open();
    const name = (
      await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT current_database() AS name`)
    )[0]!.name;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    let terminations = 0;
    let terminated = 0;
    let done = false;
    const killer = (async () => {
      while (!done) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const { rows } = await admin.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [name],
        );
        terminations++;
        terminated += rows[0]!.n;
      }
    })();
    const results = await load(0, 200, 10, (i) => enroll(running.url, loadPerson(i)));
    done = true;
    await killer;
    await admin.end();

    expect(terminations).toBeGreaterThanOrEqual(4);
    expect(terminated).toBeGreaterThan(0);
    expect(running.alive()).toBe(true);
    expect(logged(running.lines, /Unhandled|uncaught/i)).toEqual([]);
    // Requests on a broken connection fail masked (never a stack trace or a 500), the others are answered.
    expect(results.filter((r) => r.kind === "http" || r.kind === "network")).toEqual([]);
    expect(results.filter((r) => r.kind === "answer").length).toBeGreaterThan(0);
    // The process serves the next request normally.
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
    expect(await enroll(running.url, loadPerson(300))).toEqual({
      kind: "answer",
      typename: "EnrollmentStarted",
    });
    expect(await partialEnrollments(db)).toEqual([]);
    console.log(
      `connection loss under load: ${terminations} terminations, ${terminated} backends; ${results.filter((r) => r.kind === "answer").length} answered, ${results.filter((r) => r.kind === "masked").length} masked errors of ${results.length}`,
    );
  },
);
