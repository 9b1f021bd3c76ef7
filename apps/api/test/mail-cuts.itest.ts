import pino from "pino";
import {
  createTestDatabase,
  importFixture,
  RESEND,
  SELF_ENROLL,
  servicingFixture,
  SmtpCapture,
  StallingProxy,
  testConfig,
  waitUntil,
} from "@portal/test-support";
import { openDatabase, type Database } from "../src/db/database";
import { type RunningServer, startServer } from "../src/server";

/**
 * Mail while the database connections are cut again and again (a failover, a restart, a flaky
 * network): PostgreSQL behind a TCP proxy that closes every open connection every 100 ms. PGlite runs
 * inside the process, with no connection to cut, so these run on PostgreSQL only (DATABASE_URL).
 */
const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
if (!process.env.DATABASE_URL)
  console.warn("SKIPPED mail-cuts: connection cuts need PostgreSQL behind a proxy (DATABASE_URL)");

const PEOPLE = 300;
const fixture = {
  ...servicingFixture,
  contacts: [
    ...servicingFixture.contacts,
    ...Array.from({ length: PEOPLE }, (_, i) => ({
      contactId: `K-CUT-${i}`,
      customerId: "C-US",
      firstName: "Cut",
      lastName: `Person ${i}`,
      email: `person-${i}@cut.example`,
    })),
  ],
};
const address = (i: number) => `person-${i}@cut.example`;
const person = (i: number) => ({
  firstName: "Cut",
  lastName: "Person",
  email: address(i),
  billingPostalCode: "94607",
  contractId: "US-001",
});

const CUT_EVERY_MS = 100;

/** Cuts every connection through `proxy` every 100 ms until the returned function is called. */
function cutRepeatedly(proxy: StallingProxy): () => Promise<number> {
  let cuts = 0;
  const timer = setInterval(() => {
    proxy.cut();
    cuts++;
  }, CUT_EVERY_MS);
  return async () => {
    clearInterval(timer);
    return cuts;
  };
}

async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<string> {
  try {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      data?: Record<string, { __typename: string }>;
    };
    const answer = body.data && Object.values(body.data)[0];
    return answer ? answer.__typename : "error";
  } catch {
    return "network";
  }
}

/** Runs `work(i)` for i in [0, n) with `concurrency` workers. */
async function load<T>(n: number, concurrency: number, work: (i: number) => Promise<T>) {
  const results: T[] = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        results[i] = await work(i);
      }
    }),
  );
  return results;
}

onPostgres("mail under repeated connection cuts", () => {
  let direct: Awaited<ReturnType<typeof createTestDatabase>>;
  let proxy: StallingProxy;
  let smtp: SmtpCapture;
  const opened: Database[] = [];
  const servers: RunningServer[] = [];

  beforeEach(async () => {
    direct = await createTestDatabase();
    await importFixture(direct.db, fixture);
    const target = new URL(direct.url!);
    proxy = await new StallingProxy(target.hostname, Number(target.port || 5432)).start();
    smtp = await new SmtpCapture().start();
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
    for (const db of opened.splice(0)) await db.close();
    await proxy.stop();
    await smtp.stop();
    await direct.drop();
  });

  /** An API instance whose every database connection goes through the proxy (or straight, `via: "direct"`). */
  async function instance(via: "proxy" | "direct" = "proxy"): Promise<RunningServer> {
    const url = new URL(direct.url!);
    if (via === "proxy") url.port = String(proxy.port);
    const db = await openDatabase({ kind: "postgres", url: url.toString() });
    opened.push(db);
    const server = await startServer(
      testConfig({
        SMTP_URL: smtp.url,
        MAIL_POLL_INTERVAL_MS: "200",
        MAIL_RETRY_BASE_MS: "100",
        MAIL_RETRY_MAX_MS: "1000",
      }),
      db,
      pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" }),
    );
    servers.push(server);
    return server;
  }

  const mailsTo = (to: string) => smtp.messages.filter((m) => m.to === to);

  test("every mail request accepted during the cuts is mailed once they end", async () => {
    const api = await instance();
    const people = 96;
    // Pending accounts first, without cuts: a request for a new link then makes one more mail.
    const enrolled = await load(people, 4, (i) => post(api.url, SELF_ENROLL, { input: person(i) }));
    expect(enrolled.every((typename) => typename === "EnrollmentStarted")).toBe(true);
    await waitUntil(
      async () => smtp.messages.length,
      (n) => n === people,
      15_000,
    );
    smtp.messages.length = 0;

    const stopCutting = cutRepeatedly(proxy);
    const answers = await load(people, 2, (i) => post(api.url, RESEND, { email: address(i) }));
    // Cut on a little longer, while the worker turns the last requests into mail.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const cuts = await stopCutting();
    const accepted = answers.flatMap((typename, i) =>
      typename === "EmailRequestAccepted" ? [address(i)] : [],
    );

    const waiting = await waitUntil(
      () => direct.db.prisma.mailRequest.count(),
      (n) => n === 0,
      20_000,
    );
    const unmailed = await waitUntil(
      async () => accepted.filter((to) => mailsTo(to).length === 0),
      (left) => left.length === 0,
      15_000,
    );
    console.log(
      `mail requests under cuts: ${cuts} cuts, ${accepted.length} of ${answers.length} accepted, ${unmailed.length} of them never mailed`,
    );
    expect(cuts).toBeGreaterThanOrEqual(10);
    expect(accepted.length).toBeGreaterThan(10);
    expect(waiting).toBe(0);
    expect(unmailed).toEqual([]);
  });

  test("every verification mail of an enrollment started during the cuts is sent within 10 s of their end", async () => {
    const api = await instance();
    const stopCutting = cutRepeatedly(proxy);
    // Few enough that the test relay (a new connection and a 100 ms greeting a message) sends them in 10 s.
    const answers = await load(60, 4, (i) => post(api.url, SELF_ENROLL, { input: person(i) }));
    const cuts = await stopCutting();
    const started = answers.flatMap((typename, i) =>
      typename === "EnrollmentStarted" ? [address(i)] : [],
    );
    const unsent = await waitUntil(
      async () => started.filter((to) => mailsTo(to).length === 0),
      (left) => left.length === 0,
      10_000,
    );
    console.log(
      `enrollments under cuts: ${cuts} cuts, ${started.length} of ${answers.length} started, ${unsent.length} unsent 10 s after the cuts`,
    );
    expect(started.length).toBeGreaterThan(10);
    expect(unsent).toEqual([]);
  });

  /**
   * A connection cut at one exact statement of the worker: a trigger that ends its own backend when
   * the worker marks a message sent (`mark`) or gives one back (`release`), the next `times` times.
   */
  async function cutAt(what: "mark" | "release", times: number) {
    await direct.db.prisma.$executeRawUnsafe(`
      CREATE TABLE IF NOT EXISTS test_cut (what text PRIMARY KEY, times int NOT NULL)`);
    await direct.db.prisma.$executeRawUnsafe(`CREATE SEQUENCE IF NOT EXISTS test_cut_count`);
    await direct.db.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION test_cut() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        marking boolean := NEW.sent_at IS NOT NULL AND OLD.sent_at IS NULL;
        releasing boolean := NEW.sent_at IS NULL AND NEW.locked_until IS NULL
          AND OLD.locked_until IS NOT NULL;
        limit_ int := (SELECT times FROM test_cut
          WHERE what = CASE WHEN marking THEN 'mark' WHEN releasing THEN 'release' END);
      BEGIN
        IF limit_ > (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM test_cut_count) THEN
          PERFORM nextval('test_cut_count');
          PERFORM pg_terminate_backend(pg_backend_pid());
        END IF;
        RETURN NEW;
      END $$`);
    await direct.db.prisma.$executeRawUnsafe(`
      CREATE OR REPLACE TRIGGER test_cut BEFORE UPDATE ON mail_outbox
      FOR EACH ROW EXECUTE FUNCTION test_cut()`);
    await direct.db.prisma.$executeRawUnsafe(`DELETE FROM test_cut`);
    await direct.db.prisma.$executeRawUnsafe(`ALTER SEQUENCE test_cut_count RESTART`);
    if (times > 0)
      await direct.db.prisma.$executeRawUnsafe(
        `INSERT INTO test_cut (what, times) VALUES ($1, $2)`,
        what,
        times,
      );
  }
  const cuts = async () =>
    Number(
      (
        await direct.db.prisma.$queryRawUnsafe<{ n: bigint }[]>(
          `SELECT last_value - CASE WHEN is_called THEN 0 ELSE 1 END AS n FROM test_cut_count`,
        )
      )[0]!.n,
    );
  const outboxRow = (to: string) =>
    direct.db.prisma.mailOutbox.findFirstOrThrow({ where: { toAddress: to } });

  test("a stop while giving back is cut: the next instance sends the batch within 10 s of starting", async () => {
    // A relay that takes 100 ms more a message, so the batch is being sent when the stop comes.
    await smtp.stop();
    smtp = await new SmtpCapture().start(0, { delayMs: 100 });
    const first = await instance("direct");
    const people = 8;
    // Queued while the worker is paused, so its next pass claims them all in one batch.
    await first.mailWorker.stop();
    const answers = await load(people, 4, (i) =>
      post(first.url, SELF_ENROLL, { input: person(i) }),
    );
    expect(answers.every((typename) => typename === "EnrollmentStarted")).toBe(true);
    first.mailWorker.start();
    await waitUntil(
      async () => smtp.messages.length,
      (n) => n > 0,
      10_000,
    );
    await cutAt("release", 1_000_000);
    await servers.splice(servers.indexOf(first), 1)[0]!.stop();
    expect(await cuts()).toBeGreaterThan(0);
    await cutAt("release", 0);

    await instance("direct");
    const unsent = await waitUntil(
      async () =>
        Array.from({ length: people }, (_, i) => address(i)).filter(
          (to) => mailsTo(to).length === 0,
        ),
      (left) => left.length === 0,
      10_000,
    );
    expect(unsent).toEqual([]);
  });

  test("a cut while marking a message sent: the mark is tried again, the message is not sent twice", async () => {
    await cutAt("mark", 1);
    const api = await instance("direct");
    expect(await post(api.url, SELF_ENROLL, { input: person(0) })).toBe("EnrollmentStarted");
    await smtp.waitFor(address(0));
    const row = await waitUntil(
      () => outboxRow(address(0)),
      (r) => r.sentAt !== null,
      3000,
    );
    expect(await cuts()).toBe(1);
    expect(row.sentAt).not.toBeNull();
    expect(row.lockedUntil).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(mailsTo(address(0))).toEqual([]);
  });

  test("a mark cut for longer than the lease: the message is sent again, with the same Message-ID", async () => {
    await cutAt("mark", 1_000_000);
    const first = await instance("proxy");
    expect(await post(first.url, SELF_ENROLL, { input: person(0) })).toBe("EnrollmentStarted");
    await waitUntil(
      async () => mailsTo(address(0)).length,
      (n) => n === 1,
      10_000,
    );
    // The first instance keeps its lease while it retries the mark, until the database stops
    // answering it at all; then another instance takes the message once that lease has run out.
    proxy.stall();
    try {
      await instance("direct");
      const copies = await waitUntil(
        async () => mailsTo(address(0)),
        (sent) => sent.length === 2,
        15_000,
      );
      await cutAt("mark", 0);
      const row = await waitUntil(
        () => outboxRow(address(0)),
        (r) => r.sentAt !== null,
        5000,
      );
      expect(copies).toHaveLength(2);
      expect(copies[0]!.messageId).toBe(`<${row.id}@portal.test>`);
      expect(copies[1]!.messageId).toBe(copies[0]!.messageId);
      expect(copies[1]!.text).toBe(copies[0]!.text);
    } finally {
      proxy.resume();
    }
  });
});
