import path from "node:path";
import { defineConfig } from "prisma/config";

// Used by `prisma generate` (postinstall). Migrations are applied by the API's own runner
// (apps/api/src/db/migrate.ts) so the same files serve the embedded database and PostgreSQL.
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
});
