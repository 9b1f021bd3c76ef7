import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type Database, openDatabase } from "@portal/api/db/database";
import { createTestDatabase } from "@portal/test-support";
import { monthOf } from "../src/audit/audit-archive";

const run = promisify(execFile);
const CLI = path.join(__dirname, "..", "dist", "cli", "audit-archive.js");

/** The database the CLI opens: a PostgreSQL database (DATABASE_URL) or an embedded folder. */
let env: Record<string, string>;
let withDb: <T>(fn: (db: Database) => Promise<T>) => Promise<T>;
let cleanUp: () => Promise<void>;
let out: string;

const now = new Date();
const at = (delta: number, day: number) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + delta, day, 12));
const partition = (delta: number) => `audit_event_${monthOf(now, delta).replace("-", "_")}`;

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), "audit-archive-out-"));
  if (process.env.DATABASE_URL) {
    const { db, url, drop } = await createTestDatabase();
    env = { DATABASE_URL: url! };
    withDb = (fn) => fn(db);
    cleanUp = drop;
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "audit-archive-db-"));
    const db = await openDatabase({ kind: "embedded", dataDir });
    await db.migrate();
    await db.close();
    env = { DATA_DIR: dataDir };
    withDb = async (fn) => {
      const db = await openDatabase({ kind: "embedded", dataDir });
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    };
    cleanUp = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  // A trail that began five months ago: the partitions the migration makes for existing rows.
  await withDb(async (db) => {
    await db.prisma.$queryRaw`SELECT audit_event_add_partitions(${at(-5, 1)}::timestamptz, 12)`;
    const event = (createdAt: Date, email: string) =>
      db.prisma.auditEvent.create({
        data: { createdAt, eventType: "SIGN_IN", outcome: "FAILED", email, userAgent: "ua" },
      });
    for (const day of [3, 4, 5]) await event(at(-4, day), `four.${day}@old.example`);
    await event(at(-3, 10), 'quote " back\\slash\nnewline ünï@old.example');
    await event(at(-3, 11), "three@old.example");
    await event(at(-1, 2), "previous@recent.example");
    const refusals = (windowStart: Date, count: number) =>
      db.prisma.throttleRefusal.create({
        data: {
          operation: "SIGN_IN",
          throttle: "RATE_LIMIT_SIGNIN_EMAIL",
          keyHash: `key-${count}`,
          windowStart,
          reason: "TOO_MANY_ATTEMPTS",
          count,
          firstSeen: windowStart,
          lastSeen: windowStart,
        },
      });
    await refusals(at(-4, 3), 40);
    await refusals(at(-3, 10), 30);
    await refusals(at(-1, 2), 10);
  });
});
afterAll(async () => {
  await cleanUp();
  rmSync(out, { recursive: true, force: true });
});

/** `pnpm audit:archive` as an operator runs it: exit code and what it printed. */
async function archive(args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

const partitions = () =>
  withDb(async (db) =>
    (
      await db.prisma.$queryRaw<{ name: string }[]>`
        SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_event'::regclass`
    ).map((r) => r.name),
  );

test("the trail stays append-only on every partition: UPDATE, DELETE and TRUNCATE are refused", async () => {
  await withDb(async (db) => {
    for (const sql of [
      `UPDATE audit_event SET outcome = 'SUCCESS'`,
      `DELETE FROM audit_event`,
      `TRUNCATE audit_event`,
      `UPDATE "${partition(-4)}" SET outcome = 'SUCCESS'`,
      `DELETE FROM "${partition(-4)}"`,
      `TRUNCATE "${partition(-4)}"`,
      `TRUNCATE audit_event_default`,
    ])
      await expect(db.prisma.$executeRawUnsafe(sql)).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEvent.count()).toBe(6);
  });
  // Partitions are ready for the months ahead.
  expect(await partitions()).toEqual(expect.arrayContaining([partition(0), partition(12)]));
});

test("refuses to archive the current or the previous month, exit 2, and changes nothing", async () => {
  for (const before of [monthOf(now, 0), monthOf(now, 1)]) {
    const result = await archive(["--before", before, "--out", out]);
    expect(result.code).toBe(2);
    expect(result.out).toContain("would archive the current or the previous month");
  }
  expect(await archive(["--before", "2026-13", "--out", out])).toMatchObject({ code: 2 });
  expect(await archive(["--before", monthOf(now, -2)])).toMatchObject({ code: 2 });
  expect(readdirSync(out)).toEqual([]);
  expect(await partitions()).toContain(partition(-4));
});

test("writes the months before --before to JSON lines, drops their partitions and audits that", async () => {
  const result = await archive(["--before", monthOf(now, -2), "--out", out]);
  expect(result.out).toContain(`archived ${monthOf(now, -4)}: 3 events`);
  expect(result.code).toBe(0);

  const file = (delta: number) => path.join(out, `audit_event-${monthOf(now, delta)}.jsonl`);
  const lines = (delta: number) =>
    readFileSync(file(delta), "utf8")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines(-5)).toEqual([]);
  expect(lines(-4).map((e) => e.email)).toEqual([
    "four.3@old.example",
    "four.4@old.example",
    "four.5@old.example",
  ]);
  expect(lines(-3).map((e) => e.email)).toEqual([
    'quote " back\\slash\nnewline ünï@old.example',
    "three@old.example",
  ]);
  expect(readdirSync(out).filter((f) => f.endsWith(".partial"))).toEqual([]);

  const left = await partitions();
  for (const p of [partition(-5), partition(-4), partition(-3)]) expect(left).not.toContain(p);
  expect(left).toContain(partition(-2));

  await withDb(async (db) => {
    // The previous month and the current one are still there, with one event per month archived.
    expect(
      (await db.prisma.auditEvent.findMany({ where: { eventType: "SIGN_IN" } })).map(
        (e) => e.email,
      ),
    ).toEqual(["previous@recent.example"]);
    const archived = await db.prisma.auditEvent.findMany({
      where: { eventType: "AUDIT_ARCHIVED" },
      orderBy: { target: "asc" },
    });
    expect(archived.map((e) => e.target)).toEqual([
      `${monthOf(now, -5)}: 0 rows to audit_event-${monthOf(now, -5)}.jsonl, by ${os.userInfo().username}`,
      `${monthOf(now, -4)}: 3 rows to audit_event-${monthOf(now, -4)}.jsonl, by ${os.userInfo().username}`,
      `${monthOf(now, -3)}: 2 rows to audit_event-${monthOf(now, -3)}.jsonl, by ${os.userInfo().username}`,
      `throttle_refusal before ${monthOf(now, -2)}: 2 rows to throttle_refusal-before-${monthOf(now, -2)}.jsonl, by ${os.userInfo().username}`,
    ]);
    // The refusal counts of the archived months went to their own file; the recent ones stay.
    expect((await db.prisma.throttleRefusal.findMany()).map((r) => r.count)).toEqual([10]);
    const counts = readFileSync(
      path.join(out, `throttle_refusal-before-${monthOf(now, -2)}.jsonl`),
      "utf8",
    )
      .trim()
      .split("\n")
      .map((l) => (JSON.parse(l) as { count: number; key_hash: string }).count);
    expect(counts).toEqual([40, 30]);
    expect(archived[0]).toMatchObject({ outcome: "SUCCESS", userAgent: "pnpm audit:archive" });

    // Restoring for an investigation (docs/operations.md): a line is the row, exactly.
    const line = readFileSync(file(-3), "utf8").split("\n")[0]!;
    const [restored] = await db.prisma.$queryRaw<{ email: string; created_at: string }[]>`
      SELECT email, created_at::text AS created_at
      FROM jsonb_populate_record(NULL::audit_event, ${line}::jsonb)`;
    expect(restored!.email).toBe('quote " back\\slash\nnewline ünï@old.example');
    expect(new Date(restored!.created_at).getTime()).toBe(at(-3, 10).getTime());
  });
});

test("never overwrites an archive file: exit 2, and the month stays in the database", async () => {
  await withDb(async (db) => {
    await db.prisma.$queryRaw`SELECT audit_event_add_partition(${at(-7, 1)}::timestamptz)`;
    await db.prisma.auditEvent.create({
      data: { createdAt: at(-7, 9), eventType: "SIGN_IN", outcome: "FAILED", email: "seven@old" },
    });
  });
  const existing = path.join(out, `audit_event-${monthOf(now, -7)}.jsonl`);
  writeFileSync(existing, "an earlier archive\n");
  const result = await archive(["--before", monthOf(now, -6), "--out", out]);
  expect(result.code).toBe(2);
  expect(result.out).toContain("refusing to overwrite");
  expect(readFileSync(existing, "utf8")).toBe("an earlier archive\n");
  expect(existsSync(`${existing}.partial`)).toBe(false);
  expect(await partitions()).toContain(partition(-7));
  await withDb(async (db) =>
    expect(await db.prisma.auditEvent.count({ where: { email: "seven@old" } })).toBe(1),
  );
});
