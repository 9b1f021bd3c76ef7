import { readFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { parseServicingExport } from "../servicing/servicing-file.parser";
import { ServicingImportError } from "../servicing/servicing-import.errors";
import { type EntityCounts, importServicingExport } from "../servicing/servicing-import.service";

const show = (name: string, c: EntityCounts) => `  ${name.padEnd(10)} ${c.inserted} new, ${c.updated} updated`;

/** `pnpm servicing:import <file.json>` — upserts a servicing export into the configured database. */
async function main() {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: pnpm servicing:import <file.json>");
    process.exit(2);
  }
  // pnpm runs package scripts in the package folder; resolve against where the user typed it.
  const resolved = path.resolve(process.env.INIT_CWD ?? process.cwd(), file);
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(resolved, "utf8"));
  } catch (error) {
    throw new ServicingImportError([`${resolved}: ${(error as Error).message}`]);
  }
  const data = parseServicingExport(raw);
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const pending = await db.pending();
    if (pending.length > 0) throw new ServicingImportError([`the database needs migrations first (pnpm db:migrate): ${pending.join(", ")}`]);
    const summary = await importServicingExport(db.prisma, data);
    console.log(`Imported ${path.basename(resolved)} into ${db.adapter.describe}:`);
    console.log(show("customers", summary.customers));
    console.log(show("contacts", summary.contacts));
    console.log(show("locations", summary.locations));
    console.log(show("contracts", summary.contracts));
    console.log(`  ${"emails".padEnd(10)} ${summary.emailAddresses} addresses indexed`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  const known = error instanceof ServicingImportError || error instanceof ConfigError;
  console.error(known ? error.message : error);
  process.exit(1);
});
