import { insertGrants } from "../accounts/access-grant.repository";
import type { TokenMail } from "../accounts/account-mailer";
import { insertTokens } from "../accounts/account-token.repository";
import { insertPendingUsers } from "../accounts/portal-user.repository";
import { batched } from "../db/batched";
import { type PreparedSql, columns, inTransaction, preparedStatement } from "../db/prepared";
import type { Tx } from "../db/transaction";
import { insertMail } from "../mail/outbox.repository";
import {
  ATTEMPT_NAMES,
  ATTEMPT_PARAMS,
  type AttemptRecord,
  LOG_ATTEMPTS,
  attemptRow,
  insertAttempts,
} from "./attempt-log";

export type { AttemptRecord };

/**
 * First enrollments in one statement, each with everything that goes with it: the pending account,
 * its grant, the verification token (hash only), the mail in the outbox and the attempt row. Each
 * insert is its table's own insert shape (from the table's owner module), so a first enrollment and a
 * repeat one write the same rows. Every insert after the first joins on the accounts actually
 * created, so for an address that already has an account (the insert does nothing) nothing else is
 * written and no row comes back. One statement is one atomic write, like a transaction. Addresses
 * must be distinct within a call.
 */
const CREATE_ACCOUNTS = preparedStatement(
  "enrollment_create_accounts",
  `WITH input AS (
     SELECT * FROM unnest(
       ${ATTEMPT_PARAMS}, $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
       $15::text[], $16::text[], $17::bigint[], $18::text[], $19::text[], $20::text[], $21::text[]
     ) WITH ORDINALITY AS i(
       ${ATTEMPT_NAMES}, account_email, first_name, last_name, grant_customer_id, grant_contract_id,
       token_purpose, token_hash, token_ttl_ms, mail_kind, mail_subject, mail_text, mail_html, ord
     )
   ), account AS (
     ${insertPendingUsers("input", { email: "account_email", firstName: "first_name", lastName: "last_name" })}
   ), created AS (
     SELECT input.*, account.id AS account_id FROM input JOIN account ON account.email = input.account_email
   ), access AS (
     ${insertGrants("created", { userId: "account_id", customerId: "grant_customer_id", contractId: "grant_contract_id" })}
   ), token AS (
     ${insertTokens("created", { userId: "account_id", purpose: "token_purpose", hash: "token_hash", ttlMs: "token_ttl_ms" })}
   ), mail AS (
     ${insertMail("created", { kind: "mail_kind", to: "account_email", subject: "mail_subject", text: "mail_text", html: "mail_html" })}
   ), attempt AS (
     ${insertAttempts("created", "account_id")}
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

/** The enrollment feature's writes: the attempt log, and first enrollments in one statement. */
export class EnrollmentRepository {
  private readonly logAttemptBatched: (attempt: AttemptRecord) => Promise<void>;
  private readonly createAccountBatched: (request: NewAccountRequest) => Promise<string | null>;

  constructor(sql: PreparedSql) {
    this.logAttemptBatched = batched(async (attempts) => {
      await sql.run(LOG_ATTEMPTS, columns(attempts.map(attemptRow)));
      return attempts.map(() => undefined);
    });
    this.createAccountBatched = batched(async (requests) => {
      // One row per address: a repeat in the same batch is answered null (it exists once this commits).
      const firstOf = new Map<string, number>();
      requests.forEach(
        (r, index) => firstOf.has(r.person.email) || firstOf.set(r.person.email, index),
      );
      // In address order: two concurrent batches then take the unique index's locks in the same order.
      const distinct = [...firstOf.values()]
        .map((index) => requests[index]!)
        .sort((a, b) => (a.person.email < b.person.email ? -1 : 1));
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

  /** Logs an attempt: batched with concurrent ones, or inside `tx` (the same statement either way). */
  async logAttempt(attempt: AttemptRecord, tx?: Tx): Promise<void> {
    if (tx) await inTransaction(tx).run(LOG_ATTEMPTS, columns([attemptRow(attempt)]));
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
}
