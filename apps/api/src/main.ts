import "reflect-metadata";
import { ConfigError, loadConfig } from "./config/config";
import { openDatabase } from "./db/database";
import { loadDemoDataIfEmpty } from "./demo/demo-data";
import { createLogger } from "./logging/logger";
import { startServer } from "./server";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const log = createLogger(config.LOG_LEVEL);
  const db = await openDatabase(config.database);
  log.info({ database: db.adapter.describe }, "database opened");

  if (config.database.kind === "embedded") {
    // The embedded database belongs to this process alone, so it is brought up to date here.
    const applied = await db.migrate();
    if (applied.length > 0) log.info({ applied }, "migrations applied");
  } else {
    const pending = await db.pending();
    if (pending.length > 0) log.warn({ pending }, "migrations pending: run `pnpm db:migrate`; /readyz answers 503 until then");
  }
  if (config.loadDemoData) await loadDemoDataIfEmpty(db, log);

  const server = await startServer(config, db, log);
  log.info({ url: server.url, graphql: `${server.url}/graphql` }, "customer portal listening");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
