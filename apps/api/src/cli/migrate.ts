import { addAuditPartitions } from "../audit/audit-archive";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";

/**
 * `pnpm db:migrate` — applies prisma/migrations to the configured database, and adds the audit
 * trail's monthly partitions ahead.
 */
async function main() {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    const applied = await db.migrate();
    console.log(
      `${db.adapter.describe}: ${applied.length ? `applied ${applied.join(", ")}` : "already up to date"}`,
    );
    // The audit trail's months ahead (a month without one lands in the default partition).
    await addAuditPartitions(db.prisma);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
