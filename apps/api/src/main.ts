// First: when tracing is on, http, express, graphql and pg must be patched before they load.
import "./telemetry/start-tracing";
import "reflect-metadata";
import { ConfigError, loadConfig } from "./config/config";
import { openDatabase } from "./db/database";
import { loadDemoDataIfEmpty } from "./demo/demo-data";
import { createLogger, defaultLogFormat } from "./logging/logger";
import { startServer } from "./server";
import { addAuditPartitions } from "./audit/audit-archive";
import { reportTracingTo, shutdownTracing } from "./telemetry/tracing";

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  const log = createLogger(config.LOG_LEVEL, config.LOG_FORMAT ?? defaultLogFormat());
  reportTracingTo(log);
  const db = await openDatabase(config.database, {
    onConnectionError: (error) =>
      log.warn({ err: error }, "database connection lost; the pool opens a new one"),
  });
  log.info({ database: db.adapter.describe }, "database opened");

  let pending: string[] = [];
  if (config.database.kind === "embedded") {
    // The embedded database belongs to this process alone, so it is brought up to date here.
    const applied = await db.migrate();
    if (applied.length > 0) log.info({ applied }, "migrations applied");
  } else {
    pending = await db.pending();
    if (pending.length > 0)
      log.warn(
        { pending },
        "migrations pending: run `pnpm db:migrate`; /readyz answers 503 until then",
      );
  }
  if (pending.length === 0) {
    // The audit trail's monthly partitions are made 12 months ahead at each start too, so a portal
    // that is never migrated again keeps giving each month its own partition (archivable).
    await addAuditPartitions(db.prisma).catch((error: unknown) =>
      log.warn({ err: error }, "audit partitions ahead not created; events go to the default one"),
    );
  }
  if (config.loadDemoData) await loadDemoDataIfEmpty(db, log);

  const server = await startServer(config, db, log);
  log.info(
    { url: server.url, graphql: `${server.url}/graphql`, metrics: server.metricsUrl },
    "customer portal listening",
  );

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "second signal while shutting down: exiting now");
      process.exit(1);
    }
    stopping = true;
    const started = Date.now();
    log.info({ signal }, "shutting down: no new connections, finishing requests in flight");
    // Whatever hangs (a database or a mail server that stopped answering), the process ends.
    const deadlineMs = config.SHUTDOWN_GRACE_MS + 15_000;
    setTimeout(() => {
      log.error({ afterMs: deadlineMs }, "shutdown did not finish in time: exiting");
      process.exit(1);
    }, deadlineMs).unref();
    try {
      await server.stop();
      // The last requests' spans are still in the batch: exported now, in at most 2 s.
      await shutdownTracing();
      await db.close();
      log.info({ tookMs: Date.now() - started }, "stopped");
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, "shutdown failed");
      process.exit(1);
    }
  };
  process.on("SIGINT", (signal) => void shutdown(signal));
  process.on("SIGTERM", (signal) => void shutdown(signal));
}

main().catch((error: unknown) => {
  // A ConfigError found while starting (the trusted documents manifest) is said as plainly as loadConfig's.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
