import pino from "pino";
import { loadConfig } from "../config/config";
import type { Database } from "../db/database";
import { createServices } from "../services";

/** The variables of the composition that only prints schemas: the support console on, nothing served. */
const SCHEMA_ONLY_ENV = {
  NODE_ENV: "test",
  STAFF_SECRET_KEY: "schema-shape-only-never-used-to-seal-anything",
};

/**
 * A database that is never opened: the composition stores it, and any use of it throws. Building a
 * schema constructs services; it never runs them.
 */
function unopenedDatabase(): Database {
  const refuse = (path: string): never => {
    throw new Error(`schema shape only: ${path} was used, but no database is open here`);
  };
  const inert = (path: string): unknown =>
    new Proxy(() => undefined, {
      get: (_target, key) => (key === "then" ? undefined : inert(`${path}.${String(key)}`)),
      apply: () => refuse(path),
    });
  return inert("db") as Database;
}

let shape: ReturnType<typeof createServices> | undefined;

/**
 * The real composition (services.ts) on an unopened database: what `pnpm schema:emit` prints and the
 * schema tests check, so the committed SDL is the one the server builds from the same factories.
 */
export function schemaShape(): ReturnType<typeof createServices> {
  return (shape ??= createServices(
    loadConfig(SCHEMA_ONLY_ENV),
    unopenedDatabase(),
    pino({ level: "silent" }),
  ));
}
