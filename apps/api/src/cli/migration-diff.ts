import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openAdapter } from "../db/adapters";
import { MIGRATIONS_DIR, NO_FILTERS, SCHEMA_PATH, readMigrationsList } from "../db/migrations";
import { withSchemaEngine } from "../db/schema-engine";

/**
 * `pnpm db:diff` — compares prisma/migrations with prisma/schema.prisma on a throw-away embedded
 * database. `--check` exits 2 when they differ (CI drift check); `--create NAME` writes the
 * difference as a new migration folder.
 */
async function main() {
  const args = process.argv.slice(2);
  const createIndex = args.indexOf("--create");
  const name = createIndex >= 0 ? args[createIndex + 1] : undefined;
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const adapter = await openAdapter({ kind: "embedded", dataDir: null });
  try {
    const result = await withSchemaEngine(adapter.factory, schema, (engine) =>
      engine.diff({
        from: { tag: "migrations", ...readMigrationsList() },
        to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: schema }] },
        script: true,
        exitCode: true,
        filters: NO_FILTERS,
      }),
    );
    const script = (result.stdout ?? "").trim();
    const differs = result.exitCode === 2;
    if (!differs) {
      console.log("prisma/migrations matches prisma/schema.prisma");
      return;
    }
    if (name) {
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const slug = name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "_")
        .replace(/^_|_$/g, "");
      const dir = path.join(MIGRATIONS_DIR, `${stamp}_${slug}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), `${script}\n`);
      console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
      return;
    }
    console.error("prisma/schema.prisma differs from prisma/migrations:\n");
    console.error(script);
    console.error("\nCreate a migration with: pnpm db:diff --create <name>");
    process.exitCode = 2;
  } finally {
    await adapter.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
