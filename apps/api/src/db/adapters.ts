import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { Client, Pool } from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { connectionLost } from "./errors";
import type { PreparedSql, PreparedStatement } from "./prepared";

/** Where the data lives: an embedded PGlite folder (or memory) or a PostgreSQL server. */
export type DatabaseTarget =
  { kind: "embedded"; dataDir: string | null } | { kind: "postgres"; url: string };

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
  /** Connections of each pool, for the metrics (none for the embedded database: one connection, in-process). */
  poolStats(): PoolStats[];
  close(): Promise<void>;
  describe: string;
}

export interface PoolStats {
  /** `prisma` (ordinary queries and transactions) or `hot` (the prepared hot-path statements). */
  pool: "prisma" | "hot";
  total: number;
  idle: number;
  /** Queries waiting for a connection: a pool too small for the load. */
  waiting: number;
  max: number;
}

/**
 * Opens the driver adapter for a target. The wrappers fix two adapter quirks that break
 * migrations: adapter-pg splits scripts on `;` (breaking function bodies and string literals),
 * and pglite-prisma-adapter does not await `exec()`.
 */
export interface AdapterOptions {
  /**
   * Told about connections PostgreSQL ends (restart, failover, a terminated backend) or that break,
   * whether idle in a pool or in use. The query that was using one fails on its own; this is for logs.
   */
  onConnectionError?: (error: Error) => void;
}

export async function openAdapter(
  target: DatabaseTarget,
  options: AdapterOptions = {},
): Promise<OpenedAdapter> {
  if (target.kind === "postgres") {
    const onConnectionError = options.onConnectionError ?? (() => {});
    // A connection that breaks emits "error" on its client and, while idle, on its pool. An "error"
    // event without a listener ends the process, and a client has none while it is checked out
    // (a transaction, the SET of GenericPlanClient below, Prisma's own queries): every client of both
    // pools carries one from birth, and both pools one for idle clients. The query that was using the
    // connection fails and is reported to its caller; the pool drops the broken client and opens a
    // new one for the next query.
    const Resilient = listenedClient(Client, onConnectionError);
    const pool = new Pool({ connectionString: target.url, max: 10, Client: Resilient });
    // The hot-path statements (prepared.ts) are probes and inserts by key, and most take arrays (one row
    // per request of a batch). PostgreSQL would re-plan those on every call (it cannot tell an array's
    // length from a generic plan, so the custom plan always looks cheaper); planned once is right here.
    const hotPool = new Pool({
      connectionString: target.url,
      max: 10,
      Client: listenedClient(GenericPlanClient, onConnectionError),
    });
    pool.on("error", onConnectionError);
    hotPool.on("error", onConnectionError);
    const runPrepared = async <T>(statement: PreparedStatement, params: unknown[]) =>
      (await hotPool.query({ name: statement.name, text: statement.text, values: params }))
        .rows as T[];
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
          const result = await work({
            query: async <T>(sql: string, params?: unknown[]) =>
              (await client.query(sql, params)).rows as T[],
          });
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
        async run<T>(statement: PreparedStatement, params: unknown[]) {
          try {
            return await runPrepared<T>(statement, params);
          } catch (error) {
            // A read is safe to run again; a write may have committed before the connection broke.
            if (!statement.readOnly || !connectionLost(error)) throw error;
            return runPrepared<T>(statement, params);
          }
        },
      },
      poolStats: () =>
        (
          [
            ["prisma", pool],
            ["hot", hotPool],
          ] as const
        ).map(([name, p]) => ({
          pool: name,
          total: p.totalCount,
          idle: p.idleCount,
          waiting: p.waitingCount,
          max: p.options.max,
        })),
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
      pglite.transaction((tx) =>
        work({ query: async (sql, params) => (await tx.query(sql, params)).rows as never[] }),
      ),
    // In-process: nothing to gain from naming statements, PGlite keeps no plan cache between queries.
    prepared: {
      run: async (statement, params) =>
        (await pglite.query(statement.text, params)).rows as never[],
    },
    poolStats: () => [],
    close: () => pglite.close(),
    describe: `embedded PGlite ${target.dataDir ?? "(in memory)"}`,
  };
}

type ClientClass = new (config?: ConstructorParameters<typeof Client>[0]) => Client;

/** `Base` with an "error" listener on every instance (see openAdapter). */
function listenedClient(Base: ClientClass, onError: (error: Error) => void): typeof Client {
  return class extends Base {
    constructor(config?: ConstructorParameters<typeof Client>[0]) {
      super(config);
      this.on("error", onError);
    }
  } as typeof Client;
}

/**
 * A connection that plans prepared statements once (see the hot pool above). Set by a query once
 * connected, not as a startup option: a DATABASE_URL `?options=` would replace that, and connection
 * poolers refuse it. pg-pool calls `connect(callback)`.
 */
class GenericPlanClient extends Client {
  override connect(): Promise<Client>;
  override connect(
    callback: ((error: Error) => void) | ((error: null, client: Client) => void),
  ): void;
  override connect(
    callback?: ((error: Error) => void) | ((error: null, client: Client) => void),
  ): Promise<Client> | void {
    const ready = super.connect().then(async () => {
      await this.query("SET plan_cache_mode = force_generic_plan");
      return this;
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
