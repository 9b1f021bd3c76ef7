import { PrismaClient } from "../generated/prisma/client";
import { type DatabaseTarget, type OpenedAdapter, openAdapter } from "./adapters";
import { applyMigrations, pendingMigrations } from "./migrations";

export interface Database {
  prisma: PrismaClient;
  adapter: OpenedAdapter;
  /** Migrations in prisma/migrations not yet applied here (empty when ready). */
  pending(): Promise<string[]>;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const adapter = await openAdapter(target);
  const prisma = new PrismaClient({ adapter: adapter.factory });
  let closed = false;
  return {
    prisma,
    adapter,
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
