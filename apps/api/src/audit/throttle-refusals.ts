import type { Tx } from "../db/transaction";
import type { PrismaClient } from "../generated/prisma/client";
import type { RefusalReason } from "../throttle/refusal";

/** A refusal by an attempt limit, as it is counted. */
export interface CountedRefusal {
  /** The audit event type, or the operation's name. */
  operation: string;
  /** The limit that refused, or `store`. */
  throttle: string;
  /** The limit's key, already hashed by the throttle (empty for `store`). */
  keyHash: string;
  reason: RefusalReason;
}

/**
 * The owner of `throttle_refusal`. One atomic upsert per refusal (raw SQL: Prisma's upsert may read
 * then insert, and two concurrent refusals would then collide on the key); it answers whether this
 * refusal is the first of its row, so exactly one of a burst is written in full.
 */
export async function countRefusal(prisma: PrismaClient, r: CountedRefusal): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO throttle_refusal AS t
      (operation, throttle, key_hash, window_start, reason, count, first_seen, last_seen)
    VALUES (${r.operation}, ${r.throttle}, ${r.keyHash}, date_trunc('hour', now(), 'UTC'), ${r.reason}, 1, now(), now())
    ON CONFLICT (operation, throttle, key_hash, window_start)
    DO UPDATE SET count = t.count + 1, last_seen = now()
    RETURNING t.count`;
  return rows[0]!.count === 1;
}

/** Refusals counted in the hours that start in [from, to), by operation and reason. */
export async function refusalTotals(
  prisma: PrismaClient,
  from: Date,
  to: Date,
): Promise<{ operation: string; reason: string; count: number }[]> {
  const rows = await prisma.throttleRefusal.groupBy({
    by: ["operation", "reason"],
    where: { windowStart: { gte: from, lt: to } },
    _sum: { count: true },
  });
  return rows.map((r) => ({ operation: r.operation, reason: r.reason, count: r._sum.count ?? 0 }));
}

/** Deletes the counts of the hours before `cutoff` (once archived: `pnpm audit:archive`). */
export async function deleteRefusalCounts(tx: Tx, cutoff: Date): Promise<number> {
  return (await tx.throttleRefusal.deleteMany({ where: { windowStart: { lt: cutoff } } })).count;
}
