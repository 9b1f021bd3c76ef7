import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";

const MIGRATIONS = path.join(__dirname, "..", "..", "..", "prisma", "migrations");
const PARTITIONING = "audit_event_partitioned";

interface Sql {
  exec(sql: string): Promise<unknown>;
  rows<T>(sql: string): Promise<T[]>;
  close(): Promise<void>;
}

/** A bare database, PostgreSQL (DATABASE_URL) or PGlite, to apply the migration files to by hand. */
async function bareDatabase(): Promise<Sql> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const pg = new PGlite();
    return {
      exec: (sql) => pg.exec(sql),
      rows: async <T>(sql: string) => (await pg.query<T>(sql)).rows,
      close: () => pg.close(),
    };
  }
  const name = `audit_partitioning_${randomBytes(6).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return {
    exec: (sql) => client.query(sql),
    rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    async close() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

test("the partitioning migration keeps every existing event, each in its month's partition", async () => {
  const db = await bareDatabase();
  try {
    const folders = readdirSync(MIGRATIONS)
      .filter((f) => /^\d{14}_/.test(f))
      .sort();
    for (const folder of folders) {
      if (folder.endsWith(PARTITIONING))
        // A trail that began 400 days ago: an event every week.
        await db.exec(`INSERT INTO audit_event (id, created_at, event_type, outcome, email)
          SELECT gen_random_uuid(), now() - make_interval(days => g), 'SIGN_IN', 'FAILED', 'e' || g
          FROM generate_series(0, 400, 7) g`);
      await db.exec(readFileSync(path.join(MIGRATIONS, folder, "migration.sql"), "utf8"));
    }
    const byPartition = await db.rows<{ partition: string; n: number; months: number }>(
      `SELECT tableoid::regclass::text AS partition, count(*)::int AS n,
              count(DISTINCT date_trunc('month', created_at, 'UTC'))::int AS months
       FROM audit_event GROUP BY 1`,
    );
    expect(byPartition.reduce((sum, p) => sum + p.n, 0)).toBe(58);
    expect(byPartition.every((p) => /^audit_event_\d{4}_\d{2}$/.test(p.partition))).toBe(true);
    expect(byPartition.every((p) => p.months === 1)).toBe(true);
    const [ahead] = await db.rows<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_inherits WHERE inhparent = 'audit_event'::regclass`,
    );
    // Every month with events, the twelve ahead, and the default partition.
    expect(ahead!.n).toBeGreaterThanOrEqual(byPartition.length + 12 + 1);
    await expect(db.exec(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    expect(
      await db.rows(`SELECT 1 FROM pg_class WHERE relname = 'audit_event_unpartitioned'`),
    ).toEqual([]);
  } finally {
    await db.close();
  }
});
