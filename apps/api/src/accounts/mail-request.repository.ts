import type { Tx } from "../db/transaction";
import type { MailRequestKind } from "../generated/prisma/enums";
import type { PrismaClient } from "../generated/prisma/client";

export type { MailRequestKind };

export interface MailRequest {
  id: string;
  kind: MailRequestKind;
  email: string;
  /** Tries that failed before this one. */
  attempts: number;
}

/** Owns `mail_request`: requests for account emails, waiting for the mail worker (see schema.prisma). */
export class MailRequestRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async add(kind: MailRequestKind, email: string): Promise<void> {
    await this.prisma.mailRequest.create({ data: { kind, email } });
  }

  /**
   * Takes the oldest due request inside `tx`: it is gone when `tx` commits and back when it rolls
   * back. Requests another instance is taking are skipped, so each is handled once.
   */
  async take(tx: Tx): Promise<MailRequest | null> {
    const rows = await tx.$queryRaw<MailRequest[]>`
      DELETE FROM mail_request WHERE id = (
        SELECT id FROM mail_request WHERE next_attempt_at <= now()
        ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, kind::text AS kind, email, attempts`;
    return rows[0] ?? null;
  }

  /**
   * A request whose try failed (its transaction rolled back, so it is waiting again) is tried again
   * after `delayMs`. Nothing happens when it is gone: the try did commit and only its answer was lost.
   */
  async retryLater(id: string, delayMs: number): Promise<void> {
    await this.prisma.mailRequest.updateMany({
      where: { id },
      data: { attempts: { increment: 1 }, nextAttemptAt: new Date(Date.now() + delayMs) },
    });
  }

  /** Requests not yet handled: for the metrics. */
  pending(): Promise<number> {
    return this.prisma.mailRequest.count();
  }

  /** Drops a request that could not be handled (it is logged; the person can ask again). True when it was there. */
  async drop(id: string): Promise<boolean> {
    return (await this.prisma.mailRequest.deleteMany({ where: { id } })).count > 0;
  }
}
