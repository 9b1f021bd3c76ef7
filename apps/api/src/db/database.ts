import { PrismaClient } from "../generated/prisma/client";
import {
  type AdapterOptions,
  type DatabaseTarget,
  type OpenedAdapter,
  openAdapter,
} from "./adapters";
import { applyMigrations, pendingMigrations } from "./migrations";
import type { PreparedSql } from "./prepared";

export interface Database {
  prisma: PrismaClient;
  adapter: OpenedAdapter;
  /** Prepared statements for the request hot path; everything else goes through `prisma`. */
  sql: PreparedSql;
  /** Migrations in prisma/migrations not yet applied here (empty when ready). */
  pending(): Promise<string[]>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabase(
  target: DatabaseTarget,
  options: AdapterOptions = {},
): Promise<Database> {
  const adapter = await openAdapter(target, options);
  const prisma = new PrismaClient({ adapter: adapter.factory });
  let closed = false;
  return {
    prisma,
    adapter,
    sql: adapter.prepared,
    pending: () => pendingMigrations((sql) => prisma.$queryRawUnsafe(sql)),
    migrate: () => applyMigrations(adapter),
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await adapter.close();
    },
  };
}
