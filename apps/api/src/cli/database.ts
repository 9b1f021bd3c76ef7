import { type Config, ConfigError } from "../config/config";
import { type Database, openDatabase } from "../db/database";

/**
 * The database for a CLI that writes: opened, and refused (closed again, with a ConfigError that
 * names them) while migrations are pending, so a command never writes to a schema it does not know.
 */
export async function openUpToDateDatabase(config: Config): Promise<Database> {
  const db = await openDatabase(config.database);
  try {
    const pending = await db.pending();
    if (pending.length > 0)
      throw new ConfigError([
        `migrations pending (${pending.join(", ")}): run \`pnpm db:migrate\``,
      ]);
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}
