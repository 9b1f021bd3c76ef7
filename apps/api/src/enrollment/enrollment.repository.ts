import type { TokenMail } from "../accounts/account-mailer";
import type { PrismaClient } from "../generated/prisma/client";
import { type PreparedSql, preparedStatement } from "../db/prepared";
import { storableText } from "../db/storable-text";
import type { Tx } from "../db/transaction";

export interface AttemptRecord {
  requestId: string | null;
  ipHash?: string | null;
  userAgent?: string | null;
  email: string | null;
  contractId: string | null;
  outcome: "STARTED" | "REJECTED" | "INVALID";
  reasonCode: string;
  customerId?: string | null;
  userId?: string | null;
}

export interface PendingAccount {
  id: string;
  email: string;
  firstName: string;
  status: "PENDING_VERIFICATION" | "ACTIVE";
  created: boolean;
}

/** The attempt log keeps what was typed, bounded: inputs may be hostile and huge. */
function storableAttempt(attempt: AttemptRecord): AttemptRecord {
  return {
    ...attempt,
    email: attempt.email == null ? null : storableText(attempt.email, 320),
    contractId: attempt.contractId == null ? null : storableText(attempt.contractId, 100),
  };
}

/** The attempt columns, in the order both statements below number them ($1…$9). */
function attemptParams(attempt: AttemptRecord): unknown[] {
  const a = storableAttempt(attempt);
  return [a.requestId, a.email, a.contractId, a.outcome, a.reasonCode, a.customerId ?? null, a.userId ?? null, a.ipHash ?? null, a.userAgent ?? null];
}

const LOG_ATTEMPT = preparedStatement(
  "enrollment_log_attempt",
  `INSERT INTO enrollment_attempt (id, created_at, request_id, email, contract_id, outcome, reason_code, customer_id, user_id, ip_hash, user_agent)
   VALUES (gen_random_uuid(), now(), $1, $2, $3, $4::enrollment_outcome, $5, $6, $7::uuid, $8, $9)`,
);

/**
 * A first enrollment in one statement: the pending account, its grant, the verification token
 * (hash only), the mail in the outbox and the attempt row. Every insert after the first reads the
 * new account's id, so when the address already has an account (the insert does nothing) nothing
 * else is written and no row comes back. One statement is one atomic write, like a transaction.
 */
const CREATE_ACCOUNT = preparedStatement(
  "enrollment_create_account",
  `WITH account AS (
     INSERT INTO portal_user (id, email, first_name, last_name, status, created_at, updated_at)
     VALUES (gen_random_uuid(), $10, $11, $12, 'PENDING_VERIFICATION', now(), now())
     ON CONFLICT (email) DO NOTHING RETURNING id
   ), access AS (
     INSERT INTO customer_access_grant (id, user_id, customer_id, granted_via_contract, created_at)
     SELECT gen_random_uuid(), id, $13, $14, now() FROM account
   ), token AS (
     INSERT INTO account_token (id, user_id, purpose, token_hash, created_at, expires_at)
     SELECT gen_random_uuid(), id, $15::token_purpose, $16, now(), now() + $17::bigint * interval '1 millisecond' FROM account
   ), mail AS (
     INSERT INTO mail_outbox (id, created_at, kind, to_address, subject, text_body, html_body, attempts, next_attempt_at)
     SELECT gen_random_uuid(), now(), $18, $10, $19, $20, $21, 0, now() FROM account
   ), attempt AS (
     INSERT INTO enrollment_attempt (id, created_at, request_id, email, contract_id, outcome, reason_code, customer_id, user_id, ip_hash, user_agent)
     SELECT gen_random_uuid(), now(), $1, $2, $3, $4::enrollment_outcome, $5, $6, COALESCE($7::uuid, account.id), $8, $9 FROM account
   )
   SELECT id FROM account`,
);

/** Writes of the enrollment feature: accounts, access grants and the attempt log. */
export class EnrollmentRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: PreparedSql,
  ) {}

  async logAttempt(attempt: AttemptRecord, tx?: Tx): Promise<void> {
    if (tx) await tx.enrollmentAttempt.create({ data: storableAttempt(attempt) });
    else await this.sql.run(LOG_ATTEMPT, attemptParams(attempt));
  }

  /**
   * Creates the account of a first enrollment with everything that goes with it (see
   * CREATE_ACCOUNT). Returns the new account's id, or null when the address already has an
   * account: then nothing was written and the caller takes the existing-account path.
   */
  async createAccount(
    person: { email: string; firstName: string; lastName: string },
    access: { customerId: string; contractId: string },
    verification: TokenMail,
    attempt: AttemptRecord,
  ): Promise<string | null> {
    const { token, mail } = verification;
    const rows = await this.sql.run<{ id: string }>(CREATE_ACCOUNT, [
      ...attemptParams({ ...attempt, userId: null }),
      person.email,
      person.firstName,
      person.lastName,
      access.customerId,
      access.contractId,
      token.purpose,
      token.hash,
      token.ttlMs,
      mail.kind,
      mail.subject,
      mail.text,
      mail.html,
    ]);
    return rows[0]?.id ?? null;
  }

  /**
   * Creates the pending account, or finds the existing one for the email.
   * `INSERT … ON CONFLICT DO NOTHING` makes parallel attempts for one email end with one account.
   */
  async findOrCreatePending(tx: Tx, person: { email: string; firstName: string; lastName: string }): Promise<PendingAccount> {
    const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO portal_user (id, email, first_name, last_name, status, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, 'PENDING_VERIFICATION', now(), now())
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      person.email,
      person.firstName,
      person.lastName,
    );
    if (inserted[0]) {
      return { id: inserted[0].id, email: person.email, firstName: person.firstName, status: "PENDING_VERIFICATION", created: true };
    }
    const user = await tx.portalUser.findUniqueOrThrow({ where: { email: person.email } });
    return { id: user.id, email: user.email, firstName: user.firstName, status: user.status, created: false };
  }

  async grantAccess(tx: Tx, userId: string, customerId: string, contractId: string): Promise<void> {
    await tx.$executeRawUnsafe(
      `INSERT INTO customer_access_grant (id, user_id, customer_id, granted_via_contract, created_at)
       VALUES (gen_random_uuid(), $1::uuid, $2, $3, now())
       ON CONFLICT (user_id, customer_id) DO NOTHING`,
      userId,
      customerId,
      contractId,
    );
  }
}
