import type { TokenMail } from "../accounts/account-mailer";
import type { PrismaClient } from "../generated/prisma/client";
import { batched } from "../db/batched";
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

/** The attempt columns, in the order both statements below number them ($1…$9; CREATE_ACCOUNTS takes the user id from the account it creates). */
function attemptRow(attempt: AttemptRecord): unknown[] {
  const a = storableAttempt(attempt);
  return [a.requestId, a.email, a.contractId, a.outcome, a.reasonCode, a.customerId ?? null, a.userId ?? null, a.ipHash ?? null, a.userAgent ?? null];
}

/** Rows to one array per column: the statements take many rows as arrays and `unnest` them. */
function columns(rows: unknown[][]): unknown[][] {
  return rows[0]!.map((_, column) => rows.map((row) => row[column]));
}

// Enum columns travel as text[] and are cast per row: PGlite cannot send arrays of a custom type.
const ATTEMPT_COLUMNS = `$1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[]`;
const ATTEMPT_NAMES = `request_id, email, contract_id, outcome, reason_code, customer_id, user_id, ip_hash, user_agent`;

const LOG_ATTEMPTS = preparedStatement(
  "enrollment_log_attempts",
  `INSERT INTO enrollment_attempt (id, created_at, ${ATTEMPT_NAMES})
   SELECT gen_random_uuid(), now(), request_id, email, contract_id, outcome::enrollment_outcome, reason_code, customer_id, user_id, ip_hash, user_agent
   FROM unnest(${ATTEMPT_COLUMNS}) AS a(${ATTEMPT_NAMES})`,
);

/**
 * First enrollments in one statement, each with everything that goes with it: the pending
 * account, its grant, the verification token (hash only), the mail in the outbox and the attempt
 * row. Every insert after the first joins on the accounts actually created, so for an address that
 * already has an account (the insert does nothing) nothing else is written and no row comes back.
 * One statement is one atomic write, like a transaction. Addresses must be distinct within a call.
 */
const CREATE_ACCOUNTS = preparedStatement(
  "enrollment_create_accounts",
  `WITH input AS (
     SELECT * FROM unnest(
       ${ATTEMPT_COLUMNS}, $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
       $15::text[], $16::text[], $17::bigint[], $18::text[], $19::text[], $20::text[], $21::text[]
     ) WITH ORDINALITY AS i(
       ${ATTEMPT_NAMES}, account_email, first_name, last_name, grant_customer_id, grant_contract_id,
       token_purpose, token_hash, token_ttl_ms, mail_kind, mail_subject, mail_text, mail_html, ord
     )
   ), account AS (
     INSERT INTO portal_user (id, email, first_name, last_name, status, created_at, updated_at)
     SELECT gen_random_uuid(), account_email, first_name, last_name, 'PENDING_VERIFICATION', now(), now() FROM input
     ON CONFLICT (email) DO NOTHING RETURNING id, email
   ), created AS (
     SELECT input.*, account.id AS account_id FROM input JOIN account ON account.email = input.account_email
   ), access AS (
     INSERT INTO customer_access_grant (id, user_id, customer_id, granted_via_contract, created_at)
     SELECT gen_random_uuid(), account_id, grant_customer_id, grant_contract_id, now() FROM created
   ), token AS (
     INSERT INTO account_token (id, user_id, purpose, token_hash, created_at, expires_at)
     SELECT gen_random_uuid(), account_id, token_purpose::token_purpose, token_hash, now(), now() + token_ttl_ms * interval '1 millisecond' FROM created
   ), mail AS (
     INSERT INTO mail_outbox (id, created_at, kind, to_address, subject, text_body, html_body, attempts, next_attempt_at)
     SELECT gen_random_uuid(), now(), mail_kind, account_email, mail_subject, mail_text, mail_html, 0, now() FROM created
   ), attempt AS (
     INSERT INTO enrollment_attempt (id, created_at, ${ATTEMPT_NAMES})
     SELECT gen_random_uuid(), now(), request_id, email, contract_id, outcome::enrollment_outcome, reason_code, customer_id, account_id, ip_hash, user_agent FROM created
   )
   SELECT ord, account_id FROM created`,
);

/** One first enrollment for CREATE_ACCOUNTS. */
export interface NewAccountRequest {
  person: { email: string; firstName: string; lastName: string };
  access: { customerId: string; contractId: string };
  verification: TokenMail;
  attempt: AttemptRecord;
}

/** Writes of the enrollment feature: accounts, access grants and the attempt log. */
export class EnrollmentRepository {
  private readonly logAttemptBatched: (attempt: AttemptRecord) => Promise<void>;
  private readonly createAccountBatched: (request: NewAccountRequest) => Promise<string | null>;

  constructor(
    private readonly prisma: PrismaClient,
    sql: PreparedSql,
  ) {
    this.logAttemptBatched = batched(async (attempts) => {
      await sql.run(LOG_ATTEMPTS, columns(attempts.map(attemptRow)));
      return attempts.map(() => undefined);
    });
    this.createAccountBatched = batched(async (requests) => {
      // One row per address: a repeat in the same batch is answered null (it exists once this commits).
      const firstOf = new Map<string, number>();
      requests.forEach((r, index) => firstOf.has(r.person.email) || firstOf.set(r.person.email, index));
      // In address order: two concurrent batches then take the unique index's locks in the same order.
      const distinct = [...firstOf.values()].map((index) => requests[index]!).sort((a, b) => (a.person.email < b.person.email ? -1 : 1));
      const rows = await sql.run<{ ord: string; account_id: string }>(
        CREATE_ACCOUNTS,
        columns(
          distinct.map(({ person, access, verification: { token, mail }, attempt }) => [
            ...attemptRow(attempt),
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
          ]),
        ),
      );
      const created = new Map(rows.map((row) => [distinct[Number(row.ord) - 1]!, row.account_id]));
      return requests.map((request) => created.get(request) ?? null);
    });
  }

  async logAttempt(attempt: AttemptRecord, tx?: Tx): Promise<void> {
    if (tx) await tx.enrollmentAttempt.create({ data: storableAttempt(attempt) });
    else await this.logAttemptBatched(attempt);
  }

  /**
   * Creates the account of a first enrollment with everything that goes with it (see
   * CREATE_ACCOUNTS). Returns the new account's id, or null when the address already has an
   * account: then nothing was written and the caller takes the existing-account path.
   */
  createAccount(request: NewAccountRequest): Promise<string | null> {
    return this.createAccountBatched(request);
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
