import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { Client } from "pg";
import type { DatabaseTarget } from "@portal/api/db/adapters";
import { openDatabase } from "@portal/api/db/database";

/** A throw-away database for one size of the benchmark, migrated and empty. */
export interface BenchDatabase {
  target: DatabaseTarget;
  /** Environment that points the CLI and the server (child processes) at it. */
  env: Record<string, string>;
  describe: string;
  drop(): Promise<void>;
}

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

async function admin<T>(serverUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates `portal_bench_<label>_<random>` on the PostgreSQL server of `serverUrl` (dropped
 * afterwards), or an embedded PGlite folder under `tmpDir`.
 */
export async function createBenchDatabase(
  kind: "postgres" | "embedded",
  label: string,
  serverUrl: string,
  tmpDir: string,
): Promise<BenchDatabase> {
  let bench: BenchDatabase;
  if (kind === "postgres") {
    const name = `portal_bench_${label}_${randomBytes(4).toString("hex")}`;
    await admin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    bench = {
      target: { kind: "postgres", url: url.toString() },
      env: { DATABASE_URL: url.toString() },
      describe: `PostgreSQL database ${name}`,
      drop: () =>
        admin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
          () => undefined,
        ),
    };
  } else {
    const dataDir = path.join(tmpDir, `pglite-${label}`);
    bench = {
      target: { kind: "embedded", dataDir },
      // An empty DATABASE_URL counts as unset: the children use DATA_DIR.
      env: { DATABASE_URL: "", DATA_DIR: dataDir },
      describe: `embedded PGlite ${dataDir}`,
      drop: () => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const db = await openDatabase(bench.target);
  try {
    await db.migrate();
  } finally {
    await db.close();
  }
  return bench;
}

export async function serverVersion(
  kind: "postgres" | "embedded",
  serverUrl: string,
): Promise<string> {
  if (kind === "embedded") return "embedded PGlite";
  const version = await admin(serverUrl, (c) =>
    c.query<{ server_version: string }>("SHOW server_version"),
  );
  return `PostgreSQL ${version.rows[0]!.server_version}`;
}
