import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../config/paths";
import type { OpenedAdapter } from "./adapters";
import { withSchemaEngine } from "./schema-engine";

export const MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma", "migrations");
export const SCHEMA_PATH = path.join(REPO_ROOT, "prisma", "schema.prisma");
export const NO_FILTERS = { externalTables: [], externalEnums: [] };

/** The migration folder in the shape the schema engine reads (it never touches the disk itself). */
export function readMigrationsList(baseDir = MIGRATIONS_DIR) {
  const lockPath = path.join(baseDir, "migration_lock.toml");
  const dirs = existsSync(baseDir)
    ? readdirSync(baseDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  return {
    baseDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok" as const,
          value: readFileSync(path.join(baseDir, name, "migration.sql"), "utf8"),
        },
      },
    })),
  };
}

/** Applies pending migrations and records them in `_prisma_migrations`, as `prisma migrate deploy` does. */
export async function applyMigrations(adapter: OpenedAdapter): Promise<string[]> {
  const migrationsList = readMigrationsList();
  return withSchemaEngine(adapter.factory, null, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return result.appliedMigrationNames;
  });
}

/** Names of migrations in the folder that the database has not finished applying. */
export async function pendingMigrations(
  query: (sql: string) => Promise<{ migration_name: string }[]>,
) {
  const expected = readMigrationsList().migrationDirectories.map((d) => d.path);
  let applied: Set<string>;
  try {
    const rows = await query(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    applied = new Set(rows.map((r) => r.migration_name));
  } catch {
    applied = new Set();
  }
  return expected.filter((name) => !applied.has(name));
}
