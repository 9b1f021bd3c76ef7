import { STORED_LENGTH } from "@portal/matching";
import { preparedStatement } from "../db/prepared";
import { storableText } from "../db/storable-text";

/** One row of `enrollment_attempt`: every selfEnroll, with its internal reason. */
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

/**
 * The owner of `enrollment_attempt`: its column list and its one insert shape, used by every path
 * that logs an attempt (alone, batched, inside a transaction, or inside the first-enrollment statement).
 */
export const ATTEMPT_NAMES =
  "request_id, email, contract_id, outcome, reason_code, customer_id, user_id, ip_hash, user_agent";
/** The parameters of `attemptRow`, $1…$9, as arrays (one element per attempt). Enums travel as text: PGlite cannot send arrays of a custom type. */
export const ATTEMPT_PARAMS =
  "$1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[]";

/** The attempt as statement parameters, in ATTEMPT_NAMES order; what was typed, bounded (inputs may be hostile and huge). */
export function attemptRow(a: AttemptRecord): unknown[] {
  return [
    a.requestId,
    a.email == null ? null : storableText(a.email, STORED_LENGTH.email),
    a.contractId == null ? null : storableText(a.contractId, STORED_LENGTH.contractId),
    a.outcome,
    a.reasonCode,
    a.customerId ?? null,
    a.userId ?? null,
    a.ipHash ?? null,
    a.userAgent ?? null,
  ];
}

/** INSERT of the attempts in `source` (a relation with ATTEMPT_NAMES columns); `userId` may name another column. */
export function insertAttempts(source: string, userId = "user_id"): string {
  return `INSERT INTO enrollment_attempt (id, created_at, ${ATTEMPT_NAMES})
   SELECT gen_random_uuid(), now(), request_id, email, contract_id, outcome::enrollment_outcome, reason_code, customer_id, ${userId}, ip_hash, user_agent
   FROM ${source}`;
}

/** Logs attempts given as arrays (`columns(attempts.map(attemptRow))`). */
export const LOG_ATTEMPTS = preparedStatement(
  "enrollment_log_attempts",
  insertAttempts(`unnest(${ATTEMPT_PARAMS}) AS a(${ATTEMPT_NAMES})`),
);
