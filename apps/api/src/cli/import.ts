import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { ServicingImportError } from "../servicing/servicing-import.errors";
import {
  DEFAULT_MAX_REMOVAL_PERCENT,
  type EntityCounts,
  type ImportPhase,
  type ImportSummary,
  importServicingSource,
} from "../servicing/servicing-import.service";
import { sourceForPaths } from "../servicing/servicing-file.source";
import { formatBytes, formatCount, peakRss, progressBar, type ProgressBar } from "./progress";
import { parseCliArgs } from "./args";
import { SYNC_OPTIONS, syncImportOptions } from "./sync-options";

const USAGE = `usage: pnpm servicing:import [--snapshot] <file.json>
       pnpm servicing:import [--snapshot] <folder with customers.csv, contacts.csv, locations.csv, contracts.csv[, removed.csv]>
       pnpm servicing:import --csv <customers.csv> [<contacts.csv> …]
options: --snapshot                 the file is the whole truth: stored records it lacks are removed
         --max-removal-percent N    refuse a snapshot that removes more than N% of any entity (default ${DEFAULT_MAX_REMOVAL_PERCENT})
         --summary-json             print the summary as one JSON line`;

const show = (name: string, c: EntityCounts) =>
  `  ${name.padEnd(10)} ${c.inserted} new, ${c.updated} updated, ${c.unchanged} unchanged, ${c.removed} removed`;

/** Progress on a terminal: a bar over the bytes read, then one line per later phase. */
function progressReporter() {
  let bar: ProgressBar | null = null;
  let phase: ImportPhase | null = null;
  const phaseStarted = Date.now();
  return {
    report(p: {
      phase: ImportPhase;
      records: number;
      bytes: { done: number; total: number } | null;
    }) {
      if (p.phase === "reading") {
        bar ??= progressBar(
          "reading ",
          p.bytes?.total ?? 0,
          "records",
          " | {records} records | RSS {rss}",
        );
        bar.update(p.bytes?.done ?? 0, {
          records: formatCount(p.records),
          rss: formatBytes(process.memoryUsage.rss()),
        });
      } else if (p.phase !== phase) {
        bar?.stop();
        bar = null;
        if (process.stderr.isTTY)
          process.stderr.write(
            `${p.phase}… (${((Date.now() - phaseStarted) / 1000).toFixed(0)} s)\n`,
          );
      }
      phase = p.phase;
    },
    stop() {
      bar?.stop();
    },
  };
}

/** `pnpm servicing:import` — streams a servicing export (JSON or CSV) into the configured database. */
async function main() {
  const { values, positionals } = parseCliArgs(USAGE, {
    allowPositionals: true,
    options: {
      csv: { type: "boolean", default: false },
      ...SYNC_OPTIONS,
      "summary-json": { type: "boolean", default: false },
    },
  });
  const sync = syncImportOptions(USAGE, values);
  if (positionals.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  // pnpm runs package scripts in the package folder; resolve against where the user typed it.
  const paths = positionals.map((p) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p));
  for (const p of paths)
    if (!existsSync(p)) throw new ServicingImportError([`${p}: no such file or folder`]);
  const source = sourceForPaths(paths, values.csv);
  const config = loadConfig();
  const db = await openDatabase(config.database);
  const progress = progressReporter();
  const started = Date.now();
  let summary: ImportSummary;
  try {
    const pending = await db.pending();
    if (pending.length > 0)
      throw new ServicingImportError([
        `the database needs migrations first (pnpm db:migrate): ${pending.join(", ")}`,
      ]);
    summary = await importServicingSource(db, source, {
      onProgress: (p) => progress.report(p),
      ...sync,
    });
  } finally {
    progress.stop();
    await db.close();
  }
  const seconds = (Date.now() - started) / 1000;
  const entities = ["customers", "contacts", "locations", "contracts"] as const;
  const records = entities.reduce(
    (sum, e) => sum + summary[e].inserted + summary[e].updated + summary[e].unchanged,
    0,
  );
  const rows = records + summary.emailAddresses;
  const rss = peakRss();
  if (values["summary-json"]) {
    console.log(
      JSON.stringify({
        source: source.label,
        ...summary,
        records,
        rows,
        seconds,
        rowsPerSecond: rows / seconds,
        peakRssBytes: rss,
      }),
    );
    return;
  }
  console.log(`Imported ${source.label} (${summary.mode}) into ${db.adapter.describe}:`);
  for (const entity of entities) console.log(show(entity, summary[entity]));
  console.log(
    `  ${"emails".padEnd(10)} ${summary.emailAddresses} addresses in the file, ${summary.emailRowsWritten} index rows written`,
  );
  for (const entity of entities) {
    const missing = summary.notStored[entity];
    if (missing.count > 0)
      console.log(
        `  not stored, so not removed: ${missing.count} ${entity} (${missing.ids.join(", ")}${missing.count > missing.ids.length ? ", …" : ""})`,
      );
  }
  const a = summary.access;
  console.log(
    `  access     ${a.grants} grants re-checked: ${a.newlySuspended} suspended, ${a.reinstated} reinstated (${a.suspended} suspended in all)`,
  );
  console.log(
    `  ${rows} rows read (${records} records + ${summary.emailAddresses} addresses), ${summary.rowsWritten} rows written, in ${seconds.toFixed(1)} s: ` +
      `${formatCount(rows / seconds)} rows/s, peak RSS ${formatBytes(rss)}`,
  );
}

main().catch((error: unknown) => {
  const known = error instanceof ServicingImportError || error instanceof ConfigError;
  console.error(known ? error.message : error);
  process.exit(1);
});
