import type { Tx } from "../db/transaction";
import type { MailRequestKind } from "../generated/prisma/enums";
import type { PrismaClient } from "../generated/prisma/client";

export type { MailRequestKind };

export interface MailRequest {
  id: string;
  kind: MailRequestKind;
  email: string;
}

/** Owns `mail_request`: requests for account emails, waiting for the mail worker (see schema.prisma). */
export class MailRequestRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async add(kind: MailRequestKind, email: string): Promise<void> {
    await this.prisma.mailRequest.create({ data: { kind, email } });
  }

  /**
   * Takes the oldest waiting request inside `tx`: it is gone when `tx` commits and back when it rolls
   * back. Requests another instance is taking are skipped, so each is handled once.
   */
  async take(tx: Tx): Promise<MailRequest | null> {
    const rows = await tx.$queryRaw<MailRequest[]>`
      DELETE FROM mail_request WHERE id = (
        SELECT id FROM mail_request ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, kind::text AS kind, email`;
    return rows[0] ?? null;
  }

  /** Requests not yet handled: for the metrics. */
  pending(): Promise<number> {
    return this.prisma.mailRequest.count();
  }

  /** Drops a request that could not be handled (it is logged; the person can ask again). */
  async drop(id: string): Promise<void> {
    await this.prisma.mailRequest.deleteMany({ where: { id } });
  }
}
