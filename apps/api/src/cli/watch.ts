import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { createLogger, defaultLogFormat } from "../logging/logger";
import { watchDropFolder } from "../servicing/drop-folder";
import { DropFolderError } from "../servicing/drop-folder.errors";
import { lockDropFolder } from "../servicing/drop-folder.lock";
import { sourceForPaths } from "../servicing/servicing-file.source";
import {
  DEFAULT_MAX_REMOVAL_PERCENT,
  importServicingSource,
} from "../servicing/servicing-import.service";
import { exitWithUsage, parseCliArgs } from "./args";
import { SYNC_OPTIONS, syncImportOptions } from "./sync-options";

const USAGE = `usage: pnpm servicing:watch <folder> [--snapshot] [--max-removal-percent N] [--interval-seconds N]
  imports each JSON file or CSV sub-folder that appears in <folder>, oldest name first, one at a time,
  then moves it to <folder>/processed/ or, on any problem, to <folder>/failed/ with <name>.errors.txt.
  An export is taken once complete: at once when its writer has put a marker (_READY inside a folder,
  or <name>.done beside it), else once unchanged over two intervals. Names ending in .part or .tmp are
  left alone (write there, then rename). Anything but a regular file or a folder of regular files
  (a FIFO, a socket, a link) goes to failed/ unread. One watcher per folder. SIGTERM or Ctrl-C stops
  it between files; an import still running after SHUTDOWN_GRACE_MS is abandoned (exit 1).
options: --snapshot                 each file is the whole truth: stored records it lacks are removed
         --max-removal-percent N    refuse a snapshot that removes more than N% of any entity (default ${DEFAULT_MAX_REMOVAL_PERCENT})
         --interval-seconds N       how often the folder is listed; an entry without a marker is taken once unchanged for two (default 2)`;

/** `pnpm servicing:watch` — the drop folder a servicing system's scheduled export is written to. */
async function main() {
  const { values, positionals } = parseCliArgs(USAGE, {
    allowPositionals: true,
    options: {
      ...SYNC_OPTIONS,
      "interval-seconds": { type: "string", default: "2" },
    },
  });
  if (positionals.length !== 1) exitWithUsage(USAGE, "give one folder to watch");
  const given = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
  if (!existsSync(given) || !statSync(given).isDirectory())
    exitWithUsage(USAGE, `${given}: no such folder`);
  // The operator's own path may go through links; what is inside the folder is never followed.
  const folder = realpathSync(given);
  const interval = Number(values["interval-seconds"]);
  if (!Number.isFinite(interval) || interval <= 0 || interval > 3600)
    exitWithUsage(
      USAGE,
      `--interval-seconds: a number of seconds above 0, not ${values["interval-seconds"]}`,
    );
  const sync = syncImportOptions(USAGE, values);

  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, config.LOG_FORMAT ?? defaultLogFormat()).child({
    component: "servicing-watch",
  });
  const stop = new AbortController();
  let signals = 0;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (++signals > 1) {
        log.warn({ signal }, "second signal; exiting at once");
        log.flush();
        process.exit(1);
      }
      log.info({ signal }, "stopping after the current file");
      stop.abort();
    });
  }
  let lockLost = false;
  const lock = await lockDropFolder(folder, stop.signal, (error) => {
    lockLost = true;
    log.error({ err: error }, "the drop folder's lock was lost; stopping after the current file");
    stop.abort();
  });
  const db = await openDatabase(config.database);
  let unfinished: string | null;
  try {
    const pending = await db.pending();
    if (pending.length > 0)
      throw new ConfigError([
        `the database needs migrations first (pnpm db:migrate): ${pending.join(", ")}`,
      ]);
    ({ unfinished } = await watchDropFolder({
      folder,
      log,
      pollIntervalMs: interval * 1000,
      signal: stop.signal,
      graceMs: config.SHUTDOWN_GRACE_MS,
      importEntry: (fullPath) =>
        importServicingSource(db, sourceForPaths([fullPath]), {
          ...sync,
        }),
    }));
  } catch (error) {
    await db.close();
    await lock.release();
    throw error;
  }
  // An import still running holds a connection that closing would wait for: its transaction is
  // rolled back when the process ends, and the entry stays in the folder for the next start.
  if (unfinished !== null) {
    log.flush();
    process.exit(1);
  }
  await db.close();
  await lock.release();
  log.flush();
  if (lockLost) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(
    error instanceof ConfigError || error instanceof DropFolderError ? error.message : error,
  );
  process.exit(1);
});
