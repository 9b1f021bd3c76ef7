import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { createLogger, defaultLogFormat } from "../logging/logger";
import { watchDropFolder } from "../servicing/drop-folder";
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
  Names ending in .part or .tmp are left alone (write there, then rename). SIGTERM or Ctrl-C stops it
  between files.
options: --snapshot                 each file is the whole truth: stored records it lacks are removed
         --max-removal-percent N    refuse a snapshot that removes more than N% of any entity (default ${DEFAULT_MAX_REMOVAL_PERCENT})
         --interval-seconds N       how often the folder is listed, and how long an entry must stay unchanged (default 2)`;

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
  const folder = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
  if (!existsSync(folder) || !statSync(folder).isDirectory())
    exitWithUsage(USAGE, `${folder}: no such folder`);
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
  const db = await openDatabase(config.database);
  const pending = await db.pending();
  if (pending.length > 0) {
    await db.close();
    throw new ConfigError([
      `the database needs migrations first (pnpm db:migrate): ${pending.join(", ")}`,
    ]);
  }
  const stop = new AbortController();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      log.info({ signal }, "stopping after the current file");
      stop.abort();
    });
  }
  try {
    await watchDropFolder({
      folder,
      log,
      pollIntervalMs: interval * 1000,
      signal: stop.signal,
      importEntry: (fullPath) =>
        importServicingSource(db, sourceForPaths([fullPath]), {
          ...sync,
        }),
    });
  } finally {
    await db.close();
  }
  log.flush();
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
