import { STORED_LENGTH, type TokenProblem } from "@portal/matching";
import { storableText } from "../db/storable-text";
import type { PrismaClient } from "../generated/prisma/client";
import type { Tx } from "../db/transaction";
import type { RequestMeta } from "../request/request-context";
import type { RefusalReason } from "../throttle/refusal";
import { type CountedRefusal, countRefusal } from "./throttle-refusals";

/** What an audit event is about: the operation a person (or a stranger) asked for. */
export type AuditEventType =
  | "SIGN_IN"
  | "SIGN_OUT"
  | "ENROLLMENT_COMPLETED"
  | "PASSWORD_RESET"
  | "VERIFICATION_EMAIL_REQUESTED"
  | "PASSWORD_RESET_REQUESTED"
  /** A servicing import re-checked an account's access to a customer (docs/servicing-import.md). */
  | "CUSTOMER_ACCESS"
  /** Support console (docs/support-console.md): staff_user_id says who. */
  | "STAFF_INVITE"
  | "STAFF_SETUP"
  | "STAFF_SIGN_IN"
  | "STAFF_SIGN_OUT"
  /** Offboarding (`pnpm staff:disable`). */
  | "STAFF_DISABLED"
  /** A member of staff looked a person up: `reason` says how, `target` with what. */
  | "STAFF_LOOKUP"
  /** A member of staff acted on an account: `reason` names the action. */
  | "STAFF_ACTION"
  /** A month of the trail written to a file and dropped (`pnpm audit:archive`): `target` says which. */
  | "AUDIT_ARCHIVED";

/** How it ended. */
export type AuditOutcome =
  /** Done: signed in, password set, signed out. */
  | "SUCCESS"
  /** Checked and refused (a wrong password). */
  | "FAILED"
  /** Refused before anything was checked: attempt limits. */
  | "THROTTLED"
  /** The emailed link could not be used. */
  | "REJECTED"
  /** Taken (a mail request: the same answer whatever the address). */
  | "ACCEPTED"
  /** Access to a customer withdrawn: the account's email is no longer on file for it. */
  | "SUSPENDED"
  /** Access to a customer given back: the email is on file again. */
  | "REINSTATED"
  /** A staff action refused: the role does not allow it, or the account is not in a state for it. */
  | "REFUSED";

/**
 * Why, when the outcome has a reason: a limit's (THROTTLED), a link's (REJECTED), or the servicing
 * import that suspended or reinstated access.
 */
export type AuditReason =
  RefusalReason | TokenProblem | "SERVICING_IMPORT" | StaffLookupKind | StaffActionKind;

/** How staff looked a person up (STAFF_LOOKUP). */
export type StaffLookupKind =
  "PORTAL_USERS" | "PORTAL_USER" | "ENROLLMENT_ATTEMPTS" | "EXPLAIN_ELIGIBILITY";

/** What staff did (STAFF_ACTION). */
export type StaffActionKind =
  | "RESEND_VERIFICATION"
  | "CLEAR_ENROLLMENT_THROTTLE"
  | "DEACTIVATE_USER"
  | "REACTIVATE_USER"
  | "REVOKE_GRANT";

export interface AuditEvent {
  eventType: AuditEventType;
  outcome: AuditOutcome;
  reason?: AuditReason | null;
  email?: string | null;
  userId?: string | null;
  customerId?: string | null;
  /** The member of staff who looked or acted. */
  staffUserId?: string | null;
  /** What staff looked up or acted on (search text, contract id); bounded when stored. */
  target?: string | null;
}

/**
 * The set-based insert shape of `audit_event`, for events written by a statement rather than a
 * request (an import's access re-check): `source` yields the columns event_type, outcome, reason,
 * email, user_id, customer_id.
 */
export function insertAuditEvents(source: string): string {
  return `INSERT INTO audit_event (id, created_at, event_type, outcome, reason, email, user_id, customer_id)
   SELECT gen_random_uuid(), now(), event_type, outcome, reason, email, user_id, customer_id FROM ${source}`;
}

/**
 * Security events, with request metadata; never passwords or tokens. Owns `audit_event` (and, through
 * throttle-refusals.ts, the counts of refusals by a limit).
 */
export class AuditLog {
  constructor(private readonly prisma: PrismaClient) {}

  async record(
    event: AuditEvent,
    meta: RequestMeta,
    tx: Tx | PrismaClient = this.prisma,
  ): Promise<void> {
    await tx.auditEvent.create({
      data: {
        ...event,
        email: event.email == null ? null : storableText(event.email, STORED_LENGTH.email),
        target: event.target == null ? null : storableText(event.target, STORED_LENGTH.email),
        customerId:
          event.customerId == null
            ? null
            : storableText(event.customerId, STORED_LENGTH.contractId),
        ipHash: meta.ipHash,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
      },
    });
  }

  /**
   * Counts a refusal by an attempt limit (one row per operation, limit, key and hour); true when it
   * is the first of its row, the one to record in full.
   */
  countRefusal(refusal: CountedRefusal): Promise<boolean> {
    return countRefusal(this.prisma, refusal);
  }
}
