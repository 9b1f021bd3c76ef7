import type { Tx } from "../db/transaction";
import type { PrismaClient } from "../generated/prisma/client";
import { type PreparedSql, inTransaction, preparedStatement } from "../db/prepared";
import type { ComposedMail } from "./mail.templates";

export const SENT_BODY = "[sent; body removed]";

export interface OutboxMessage {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  attempts: number;
}

const CLAIM_DUE = preparedStatement(
  "outbox_claim_due",
  `UPDATE mail_outbox SET locked_until = now() + $2::bigint * interval '1 millisecond', attempts = attempts + 1
   WHERE id IN (
     SELECT id FROM mail_outbox
     WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now()
       AND (locked_until IS NULL OR locked_until < now())
     ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
   RETURNING id, to_address, subject, text_body, html_body, attempts`,
);

/** $3 false (a real mailbox) replaces the bodies with SENT_BODY ($4); the development mailbox keeps them. */
const MARK_SENT = preparedStatement(
  "outbox_mark_sent",
  `UPDATE mail_outbox SET sent_at = now(), delivered_via = $2, locked_until = NULL, last_error = NULL,
     text_body = CASE WHEN $3::boolean THEN text_body ELSE $4 END,
     html_body = CASE WHEN $3::boolean THEN html_body ELSE $4 END
   WHERE id = ANY($1::uuid[])`,
);

/**
 * Claimed messages still being worked on keep their lease (`$2` ms from now), only while the claim is
 * still this worker's: every claim counts an attempt, so `attempts` as claimed ($3) fences off a
 * message another instance claimed since (after this worker's lease ran out). Returns the ids kept.
 */
const RENEW = preparedStatement(
  "outbox_renew",
  `UPDATE mail_outbox m SET locked_until = now() + $2::bigint * interval '1 millisecond'
   FROM unnest($1::uuid[], $3::int[]) AS c(id, attempts)
   WHERE m.id = c.id AND m.attempts = c.attempts AND m.sent_at IS NULL AND m.failed_at IS NULL
   RETURNING m.id`,
);

/**
 * Claimed messages given back untried: due at once, and the claim's attempt not counted; only those
 * still held by this claim (the same fence as RENEW), never another instance's.
 */
const RELEASE = preparedStatement(
  "outbox_release",
  `UPDATE mail_outbox m SET locked_until = NULL, attempts = greatest(m.attempts - 1, 0)
   FROM unnest($1::uuid[], $2::int[]) AS c(id, attempts)
   WHERE m.id = c.id AND m.attempts = c.attempts AND m.sent_at IS NULL AND m.failed_at IS NULL`,
);

/**
 * INSERT of messages from `source`, whose columns `cols` names. The one insert shape of `mail_outbox`,
 * used by `enqueue` and inside the first-enrollment statement.
 */
export function insertMail(
  source: string,
  cols = {
    kind: "kind",
    to: "to_address",
    subject: "subject",
    text: "text_body",
    html: "html_body",
  },
): string {
  return `INSERT INTO mail_outbox (id, created_at, kind, to_address, subject, text_body, html_body, attempts, next_attempt_at)
   SELECT gen_random_uuid(), now(), ${cols.kind}, ${cols.to}, ${cols.subject}, ${cols.text}, ${cols.html}, 0, now() FROM ${source}`;
}

const ENQUEUE = preparedStatement(
  "outbox_enqueue",
  insertMail(
    "unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS m(kind, to_address, subject, text_body, html_body)",
  ),
);

/** The owner of the mail outbox: written inside business transactions, drained by the MailWorker. */
export class OutboxRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: PreparedSql,
  ) {}

  async enqueue(tx: Tx, to: string, mail: ComposedMail): Promise<void> {
    await inTransaction(tx).run(ENQUEUE, [
      [mail.kind],
      [to],
      [mail.subject],
      [mail.text],
      [mail.html],
    ]);
  }

  /**
   * Claims due messages with a lease, so several API instances never send the same message at once
   * and a crashed sender's messages are retried once the lease runs out (the worker keeps the lease
   * short and renews it while it works: see `renew`).
   */
  claimDue(limit: number, leaseMs: number): Promise<OutboxMessage[]> {
    return this.sql.run<OutboxMessage>(CLAIM_DUE, [limit, leaseMs]);
  }

  /**
   * Bodies carry single-use links, so once a message has left for a real mailbox they are removed:
   * the only copy of a token is then its hash. The development mailbox keeps them to show them.
   */
  async markSent(ids: string[], via: string): Promise<void> {
    if (ids.length > 0) await this.sql.run(MARK_SENT, [ids, via, via === "dev-mailbox", SENT_BODY]);
  }

  /**
   * Extends the lease of claimed messages the worker is still sending or marking (`attempts[i]` as
   * claimed, for `ids[i]`); returns the ids whose claim is still this worker's.
   */
  async renew(ids: string[], leaseMs: number, attempts: number[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const kept = await this.sql.run<{ id: string }>(RENEW, [ids, leaseMs, attempts]);
    return kept.map((row) => row.id);
  }

  /** Gives claimed messages back without trying them (a worker that stops, or a pass that failed). */
  async release(ids: string[], attempts: number[]): Promise<void> {
    if (ids.length > 0) await this.sql.run(RELEASE, [ids, attempts]);
  }

  async markFailed(id: string, error: string, nextAttemptAt: Date, final: boolean): Promise<void> {
    await this.prisma.mailOutbox.update({
      where: { id },
      data: {
        lastError: error.slice(0, 1000),
        nextAttemptAt,
        lockedUntil: null,
        failedAt: final ? new Date() : null,
      },
    });
  }

  /** Messages neither delivered nor given up, and the age of the oldest (0 when none): for the metrics. */
  async backlog(): Promise<{ depth: number; oldestAgeSeconds: number }> {
    const [row] = await this.prisma.$queryRaw<{ depth: number; oldest: number | null }[]>`
      SELECT count(*)::int AS depth,
             extract(epoch FROM now() - min(created_at))::float8 AS oldest
      FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL`;
    return { depth: row?.depth ?? 0, oldestAgeSeconds: Math.max(0, row?.oldest ?? 0) };
  }

  recentDevMailbox(limit: number) {
    return this.prisma.mailOutbox.findMany({
      where: { deliveredVia: "dev-mailbox" },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: {
        id: true,
        createdAt: true,
        kind: true,
        toAddress: true,
        subject: true,
        textBody: true,
        htmlBody: true,
      },
    });
  }
}
