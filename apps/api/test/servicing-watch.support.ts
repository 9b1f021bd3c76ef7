import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createTestDatabase, waitUntil } from "@portal/test-support";
import { openDatabase } from "../src/db/database";

/** A migrated database for the watchers: a throw-away PostgreSQL database, or an embedded folder. */
export async function prepareDatabase(
  parent: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (process.env.DATABASE_URL) {
    const created = await createTestDatabase();
    await created.db.close();
    return { env: { DATABASE_URL: created.url! }, drop: created.drop };
  }
  const dataDir = mkdtempSync(path.join(parent, "pglite-"));
  const db = await openDatabase({ kind: "embedded", dataDir });
  await db.migrate();
  await db.close();
  return { env: { DATA_DIR: dataDir }, drop: async () => {} };
}

/** The built `pnpm servicing:watch` CLI as a child process on `folder`, its JSON log lines collected. */
export function startWatcher(folder: string, env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, "..", "dist", "cli", "watch.js"), folder, "--interval-seconds", "0.1"],
    {
      env: { PATH: process.env.PATH ?? "", LOG_FORMAT: "json", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: Record<string, unknown>[] = [];
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    for (const line of chunk.split("\n").filter(Boolean)) lines.push(JSON.parse(line));
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    /** The exit code, or "running" if it has not exited within `ms`. */
    exitWithin: (ms: number) =>
      Promise.race([exited, sleep(ms, "running" as const, { ref: false })]),
    /** Resolves true once it logs that it is watching (false after `ms`). */
    watching: (ms = 60_000) =>
      waitUntil(async () => lines.some((l) => String(l.msg).startsWith("watching")), Boolean, ms),
  };
}
