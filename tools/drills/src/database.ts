import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import { PARTIAL_ENROLLMENTS_SQL, type PartialEnrollment } from "@portal/test-support/standalone";
import type { Scope } from "./scope";

/** Runs one of the API's command-line tools to the end; killed if `scope` closes first. */
function runTool(
  scope: Scope,
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [script, ...args],
      { env, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${script} failed: ${stderr || stdout || error.message}`));
        else resolve();
      },
    );
    scope.defer(`stop ${path.basename(script)}`, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
  });
}

export interface DrillDatabase {
  name: string;
  url: string;
}

export interface DatabaseOptions {
  /** A URL of the PostgreSQL server's maintenance database (where CREATE/DROP DATABASE run). */
  adminUrl: string;
  /** dist/ of the API under test: its own cli/migrate.js and cli/import.js fill the database. */
  apiDist: string;
  servicingFile: string;
}

/** A client that never takes the process down when its backend is terminated. */
export async function connect(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  client.on("error", () => {
    // A terminated backend fails the next query, which reports it.
  });
  await client.connect();
  return client;
}

export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** One number from a query whose first column is a count. */
export async function count(url: string, sql: string, params: unknown[] = []): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<Record<string, string | number>>(sql, params);
    return Number(Object.values(rows[0] ?? {})[0] ?? 0);
  });
}

/**
 * A fresh database migrated and loaded by the API's own command-line tools (as an operator prepares
 * one), dropped when `scope` closes.
 */
export async function freshDatabase(
  scope: Scope,
  options: DatabaseOptions,
  label: string,
): Promise<DrillDatabase> {
  const name = `drill_${label}_${randomBytes(5).toString("hex")}`;
  await withClient(options.adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  scope.defer(`drop database ${name}`, () =>
    withClient(options.adminUrl, (admin) =>
      admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    ),
  );
  const url = new URL(options.adminUrl);
  url.pathname = `/${name}`;
  const env = { PATH: process.env.PATH ?? "", DATABASE_URL: url.toString() };
  for (const args of [["migrate.js"], ["import.js", options.servicingFile]]) {
    await runTool(scope, path.join(options.apiDist, "cli", args[0]!), args.slice(1), env);
  }
  return { name, url: url.toString() };
}

/** Accounts missing one of the rows an enrollment writes together (test-support's query). */
export async function partialEnrollments(url: string): Promise<PartialEnrollment[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<PartialEnrollment>(PARTIAL_ENROLLMENTS_SQL);
    return rows;
  });
}
