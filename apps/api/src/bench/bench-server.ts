import "reflect-metadata";
import { loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { createLogger } from "../logging/logger";
import { startServer } from "../server";
import { BenchPingResolver } from "./bench-ping.resolver";

/**
 * The real server, plus the bench-only `benchPing` mutation, as a child process of the benchmark
 * (so that autocannon and the server do not share an event loop). Configured by environment like
 * `pnpm start`; prints `{"url": …}` once listening and stops on SIGTERM.
 */
async function main() {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const server = await startServer(config, db, createLogger(config.LOG_LEVEL), { extraResolvers: [new BenchPingResolver()] });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  const stop = async () => {
    await server.stop();
    await db.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
