import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client";
import type { RequestMeta } from "../request/request-context";
import { AuditLog } from "./audit-log";
import { deleteRefusalCounts } from "./throttle-refusals";

/** A calendar month of the audit trail (UTC), as `YYYY-MM`. */
export type Month = `${number}-${number}`;

/** Months of partitions created ahead of the current one (by migrations, `db:migrate` and the archive). */
export const PARTITIONS_AHEAD = 12;
/** Rows read from PostgreSQL at a time while a month is written out. */
const PAGE = 5000;
const PARTITION = /^audit_event_(\d{4})_(\d{2})$/;

export function parseMonth(value: string): Month | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? (value as Month) : null;
}

/** The month `delta` months after `month`'s (UTC). */
export function monthOf(at: Date, delta = 0): Month {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + delta, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}` as Month;
}

/** The newest month that may be archived at `now`: the current and the previous month stay. */
export function lastArchivableMonth(now: Date): Month {
  return monthOf(now, -2);
}

export function archiveFileName(month: Month): string {
  return `audit_event-${month}.jsonl`;
}

function monthStart(month: Month): Date {
  return new Date(`${month}-01T00:00:00Z`);
}

export function refusalsFileName(before: Month): string {
  return `throttle_refusal-before-${before}.jsonl`;
}

/** Creates the partitions of the current month and the PARTITIONS_AHEAD after it that are missing. */
export async function addAuditPartitions(prisma: PrismaClient): Promise<number> {
  const [row] = await prisma.$queryRaw<{ created: number }[]>`
    SELECT audit_event_add_partitions(now(), ${PARTITIONS_AHEAD}::int) AS created`;
  return row!.created;
}

/** The months that have a partition of their own, oldest first. */
export async function partitionedMonths(prisma: PrismaClient): Promise<Month[]> {
  const rows = await prisma.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'audit_event'::regclass`;
  return rows
    .map((r) => PARTITION.exec(r.name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => `${m[1]}-${m[2]}` as Month)
    .sort();
}

export interface ArchivedMonth {
  month: Month;
  rows: number;
  file: string;
}

/**
 * The archive of old months (`pnpm audit:archive`), the only way rows leave `audit_event`: each month
 * is written to a file of JSON lines (one event per line, as PostgreSQL renders the row), made durable,
 * and only then is its partition detached and dropped, in one transaction with an `AUDIT_ARCHIVED`
 * event in the remaining trail (who, which month, how many rows, which file). DETACH and DROP fire no
 * row trigger; UPDATE, DELETE and TRUNCATE stay refused.
 */
export class AuditArchive {
  private readonly audit: AuditLog;

  constructor(private readonly prisma: PrismaClient) {
    this.audit = new AuditLog(prisma);
  }

  /** Months with a partition, before `before`. */
  async monthsBefore(before: Month): Promise<Month[]> {
    return (await partitionedMonths(this.prisma)).filter((m) => m < before);
  }

  /** Rows of `throttle_refusal` for the hours before `before`. */
  refusalCountsBefore(before: Month): Promise<number> {
    return this.prisma.throttleRefusal.count({
      where: { windowStart: { lt: monthStart(before) } },
    });
  }

  /** Writes `month` to `<dir>/audit_event-YYYY-MM.jsonl` and drops its partition. */
  async archiveMonth(
    month: Month,
    dir: string,
    who: { operator: string; meta: RequestMeta },
  ): Promise<ArchivedMonth> {
    const partition = `audit_event_${month.replace("-", "_")}`;
    const file = path.join(dir, archiveFileName(month));
    if (existsSync(file)) throw new ArchiveExistsError(file);
    const rows = await this.writePartition(partition, file);
    await this.prisma.$transaction(
      async (tx) => {
        // The partition is locked before it is counted: what was written is what is dropped.
        await tx.$executeRawUnsafe(`LOCK TABLE "${partition}" IN ACCESS EXCLUSIVE MODE`);
        const [now] = await tx.$queryRawUnsafe<{ n: number }[]>(
          `SELECT count(*)::int AS n FROM "${partition}"`,
        );
        if (now!.n !== rows)
          throw new Error(
            `${partition} has ${now!.n} rows, ${rows} were written to ${file}: nothing dropped`,
          );
        await tx.$executeRawUnsafe(`ALTER TABLE audit_event DETACH PARTITION "${partition}"`);
        await tx.$executeRawUnsafe(`DROP TABLE "${partition}"`);
        await this.audit.record(
          {
            eventType: "AUDIT_ARCHIVED",
            outcome: "SUCCESS",
            target: `${month}: ${rows} rows to ${path.basename(file)}, by ${who.operator}`,
          },
          who.meta,
          tx,
        );
      },
      { timeout: 60_000 },
    );
    return { month, rows, file };
  }

  /**
   * Refusal counts (`throttle_refusal`) of the hours before `before`, written to
   * `<dir>/throttle_refusal-before-YYYY-MM.jsonl` and deleted (they are counts, not the append-only
   * trail; the first refusal of each is an audit event archived with its month). Null when none.
   */
  async archiveRefusalCounts(
    before: Month,
    dir: string,
    who: { operator: string; meta: RequestMeta },
  ): Promise<ArchivedMonth | null> {
    const cutoff = monthStart(before);
    const file = path.join(dir, refusalsFileName(before));
    if ((await this.refusalCountsBefore(before)) === 0) return null;
    if (existsSync(file)) throw new ArchiveExistsError(file);
    const rows = await this.writeFile(file, (after) =>
      this.prisma.$queryRawUnsafe(
        `SELECT row_to_json(t)::text AS line,
                ARRAY[t.window_start::text, t.operation, t.throttle, t.key_hash] AS key
         FROM throttle_refusal t
         WHERE t.window_start < $1::timestamptz
         ${after ? "AND (t.window_start, t.operation, t.throttle, t.key_hash) > ($2::timestamptz, $3, $4, $5)" : ""}
         ORDER BY t.window_start, t.operation, t.throttle, t.key_hash LIMIT ${PAGE}`,
        cutoff.toISOString(),
        ...(after ?? []),
      ),
    );
    await this.prisma.$transaction(
      async (tx) => {
        const deleted = await deleteRefusalCounts(tx, cutoff);
        if (deleted !== rows)
          throw new Error(
            `${deleted} refusal counts before ${before}, ${rows} written: none deleted`,
          );
        await this.audit.record(
          {
            eventType: "AUDIT_ARCHIVED",
            outcome: "SUCCESS",
            target: `throttle_refusal before ${before}: ${rows} rows to ${path.basename(file)}, by ${who.operator}`,
          },
          who.meta,
          tx,
        );
      },
      { timeout: 60_000 },
    );
    return { month: before, rows, file };
  }

  private writePartition(partition: string, file: string): Promise<number> {
    return this.writeFile(file, (after) =>
      this.prisma.$queryRawUnsafe(
        `SELECT row_to_json(e)::text AS line, ARRAY[e.created_at::text, e.id::text] AS key
         FROM "${partition}" e
         ${after ? "WHERE (e.created_at, e.id) > ($1::timestamptz, $2::uuid)" : ""}
         ORDER BY e.created_at, e.id LIMIT ${PAGE}`,
        ...(after ?? []),
      ),
    );
  }

  /**
   * Streams rows to `<file>.partial` a page at a time (`page(after)`: the next rows in key order after
   * the key `after`), flushes it to disk and links it to `file`, which fails rather than replace an
   * archive that appeared meanwhile.
   */
  private async writeFile(
    file: string,
    page: (after: string[] | null) => Promise<{ line: string; key: string[] }[]>,
  ): Promise<number> {
    const partial = `${file}.partial`;
    const fd = openSync(partial, "wx");
    let rows = 0;
    try {
      let after: string[] | null = null;
      for (;;) {
        const lines = await page(after);
        if (lines.length === 0) break;
        writeSync(fd, lines.map((r) => `${r.line}\n`).join(""));
        rows += lines.length;
        after = lines[lines.length - 1]!.key;
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(partial, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new ArchiveExistsError(file);
      throw error;
    } finally {
      unlinkSync(partial);
    }
    const dirFd = openSync(path.dirname(file), "r");
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
    return rows;
  }
}

/** An archive file is never replaced. */
export class ArchiveExistsError extends Error {
  constructor(readonly file: string) {
    super(
      `${file} exists: an archive is never overwritten (move it away, or choose another --out)`,
    );
  }
}
