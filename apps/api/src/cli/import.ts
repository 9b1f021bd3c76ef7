import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { csvFilesOf, csvFilesSource } from "../servicing/servicing-csv.source";
import { ServicingImportError } from "../servicing/servicing-import.errors";
import {
  type EntityCounts,
  type ImportPhase,
  type ImportSummary,
  importServicingSource,
} from "../servicing/servicing-import.service";
import { jsonFileSource } from "../servicing/servicing-json.source";
import type { RecordSource } from "../servicing/servicing-source";
import { formatBytes, formatCount, peakRss, progressBar, type ProgressBar } from "./progress";
import { parseCliArgs } from "./args";

const USAGE = `usage: pnpm servicing:import <file.json>
       pnpm servicing:import <folder with customers.csv, contacts.csv, locations.csv, contracts.csv>
       pnpm servicing:import --csv <customers.csv> [<contacts.csv> …]
options: --summary-json  print the summary as one JSON line`;

const show = (name: string, c: EntityCounts) =>
  `  ${name.padEnd(10)} ${c.inserted} new, ${c.updated} updated`;

function sourceFor(paths: string[], csv: boolean): RecordSource {
  const single = paths.length === 1 ? paths[0]! : null;
  const isFolder = single !== null && existsSync(single) && statSync(single).isDirectory();
  if (csv || isFolder || paths.every((p) => p.endsWith(".csv"))) {
    return csvFilesSource(csvFilesOf(paths), paths.map((p) => path.basename(p)).join(", "));
  }
  if (single === null)
    throw new ServicingImportError(["give one JSON file, or CSV files / a folder of CSV files"]);
  return jsonFileSource(single);
}

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
      "summary-json": { type: "boolean", default: false },
    },
  });
  if (positionals.length === 0) {
    console.error(USAGE);
    process.exit(2);
  }
  // pnpm runs package scripts in the package folder; resolve against where the user typed it.
  const paths = positionals.map((p) => path.resolve(process.env.INIT_CWD ?? process.cwd(), p));
  for (const p of paths)
    if (!existsSync(p)) throw new ServicingImportError([`${p}: no such file or folder`]);
  const source = sourceFor(paths, values.csv);
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
    summary = await importServicingSource(db, source, { onProgress: (p) => progress.report(p) });
  } finally {
    progress.stop();
    await db.close();
  }
  const seconds = (Date.now() - started) / 1000;
  const records = (["customers", "contacts", "locations", "contracts"] as const).reduce(
    (sum, e) => sum + summary[e].inserted + summary[e].updated,
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
  console.log(`Imported ${source.label} into ${db.adapter.describe}:`);
  console.log(show("customers", summary.customers));
  console.log(show("contacts", summary.contacts));
  console.log(show("locations", summary.locations));
  console.log(show("contracts", summary.contracts));
  console.log(`  ${"emails".padEnd(10)} ${summary.emailAddresses} addresses indexed`);
  console.log(
    `  ${rows} rows (${records} records + ${summary.emailAddresses} addresses) in ${seconds.toFixed(1)} s: ` +
      `${formatCount(rows / seconds)} rows/s, peak RSS ${formatBytes(rss)}`,
  );
}

main().catch((error: unknown) => {
  const known = error instanceof ServicingImportError || error instanceof ConfigError;
  console.error(known ? error.message : error);
  process.exit(1);
});
