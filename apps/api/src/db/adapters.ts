import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { Client, Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { PreparedSql } from "./prepared";

/** Where the data lives: an embedded PGlite folder (or memory) or a PostgreSQL server. */
export type DatabaseTarget =
  | { kind: "embedded"; dataDir: string | null }
  | { kind: "postgres"; url: string };

/** Parameterised SQL straight on the driver (bulk work where Prisma's per-value overhead shows). */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface OpenedAdapter {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Runs a multi-statement SQL script as one unit (used by migrations and test set-up). */
  exec(script: string): Promise<void>;
  /** Runs `work` in one transaction on one dedicated connection; rolled back if it throws. */
  transaction<T>(work: (sql: SqlRunner) => Promise<T>): Promise<T>;
  /** Hot-path statements, prepared once per connection (see prepared.ts). */
  prepared: PreparedSql;
  close(): Promise<void>;
  describe: string;
}

/**
 * Opens the driver adapter for a target. The wrappers fix two adapter quirks that break
 * migrations: adapter-pg splits scripts on `;` (breaking function bodies and string literals),
 * and pglite-prisma-adapter does not await `exec()`.
 */
export async function openAdapter(target: DatabaseTarget): Promise<OpenedAdapter> {
  if (target.kind === "postgres") {
    const pool = new Pool({ connectionString: target.url, max: 10 });
    // The hot-path statements (prepared.ts) are probes and inserts by key, and most take arrays (one row
    // per request of a batch). PostgreSQL would re-plan those on every call (it cannot tell an array's
    // length from a generic plan, so the custom plan always looks cheaper); planned once is right here.
    const hotPool = new Pool({ connectionString: target.url, max: 10, Client: GenericPlanClient });
    // An idle connection that breaks (server restart, failover, terminated backend) is dropped by the
    // pool, which then emits "error": without a listener that would end the process. The next query
    // opens a new connection; a query on a broken one fails that request and is reported there.
    hotPool.on("error", () => {});
    const factory = withScript(new PrismaPg(pool), async (script) => {
      await pool.query(script);
    });
    return {
      factory,
      exec: async (script) => void (await pool.query(script)),
      async transaction(work) {
        const client = await pool.connect();
        let broken = false;
        try {
          await client.query("BEGIN");
          const result = await work({ query: async (sql, params) => (await client.query(sql, params)).rows });
          await client.query("COMMIT");
          return result;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => (broken = true));
          throw error;
        } finally {
          client.release(broken);
        }
      },
      prepared: {
        run: async (statement, params) => (await hotPool.query({ name: statement.name, text: statement.text, values: params })).rows,
      },
      close: async () => {
        await Promise.all([pool.end(), hotPool.end()]);
      },
      describe: `PostgreSQL ${redactUrl(target.url)}`,
    };
  }
  // PGlite creates its own folder but not the parents (a fresh clone has no .data/ yet).
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const pglite = target.dataDir ? await PGlite.create(target.dataDir) : await PGlite.create();
  const exec = async (script: string) => void (await pglite.exec(script));
  return {
    factory: withScript(new PrismaPGlite(pglite), exec),
    exec,
    // PGlite is one connection: its transaction() holds it exclusively until done.
    transaction: (work) =>
      pglite.transaction((tx) => work({ query: async (sql, params) => (await tx.query(sql, params)).rows as never[] })),
    // In-process: nothing to gain from naming statements, PGlite keeps no plan cache between queries.
    prepared: { run: async (statement, params) => (await pglite.query(statement.text, params)).rows as never[] },
    close: () => pglite.close(),
    describe: `embedded PGlite ${target.dataDir ?? "(in memory)"}`,
  };
}

/**
 * A connection that plans prepared statements once (see the hot pool above). Set by a query once
 * connected, not as a startup option: a DATABASE_URL `?options=` would replace that, and connection
 * poolers refuse it. pg-pool calls `connect(callback)`.
 */
class GenericPlanClient extends Client {
  override connect(): Promise<Client>;
  override connect(callback: ((error: Error) => void) | ((error: null, client: Client) => void)): void;
  override connect(callback?: ((error: Error) => void) | ((error: null, client: Client) => void)): Promise<Client> | void {
    const ready = super.connect().then(async () => {
      await this.query("SET plan_cache_mode = force_generic_plan");
      return this as Client;
    });
    if (!callback) return ready;
    ready.then(
      (client) => (callback as (error: null, client: Client) => void)(null, client),
      (error: Error) => (callback as (error: Error) => void)(error),
    );
  }
}

function withScript(
  factory: SqlMigrationAwareDriverAdapterFactory,
  executeScript: (script: string) => Promise<void>,
): SqlMigrationAwareDriverAdapterFactory {
  const patch = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    adapter.executeScript = executeScript;
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  factory.connect = async () => patch(await connect());
  return factory;
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}
