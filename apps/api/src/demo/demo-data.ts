import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "../db/database";
import { REPO_ROOT } from "../config/paths";
import type { Logger } from "../logging/logger";
import { parseServicingExport } from "../servicing/servicing-file.parser";
import { importServicingExport } from "../servicing/servicing-import.service";

export const DEMO_FILE = path.join(REPO_ROOT, "demo", "servicing-demo.json");

/** Loads demo/servicing-demo.json when the database holds no servicing data yet. */
export async function loadDemoDataIfEmpty(db: Database, log: Logger): Promise<void> {
  if ((await db.prisma.servicingCustomer.count()) > 0) return;
  const data = parseServicingExport(JSON.parse(await readFile(DEMO_FILE, "utf8")));
  const summary = await importServicingExport(db, data);
  log.info(
    { file: DEMO_FILE, contracts: summary.contracts.inserted },
    "loaded demo servicing data into the empty database",
  );
}
