import { STORED_LENGTH, type TokenProblem } from "@portal/matching";
import { storableText } from "../db/storable-text";
import type { PrismaClient } from "../generated/prisma/client";
import type { Tx } from "../db/transaction";
import type { RequestMeta } from "../request/request-context";
import type { RefusalReason } from "../throttle/refusal";

/** What an audit event is about: the operation a person (or a stranger) asked for. */
export type AuditEventType =
  | "SIGN_IN"
  | "SIGN_OUT"
  | "ENROLLMENT_COMPLETED"
  | "PASSWORD_RESET"
  | "VERIFICATION_EMAIL_REQUESTED"
  | "PASSWORD_RESET_REQUESTED";

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
  | "ACCEPTED";

/** Why, when the outcome has a reason: a limit's (THROTTLED) or a link's (REJECTED). */
export type AuditReason = RefusalReason | TokenProblem;

export interface AuditEvent {
  eventType: AuditEventType;
  outcome: AuditOutcome;
  reason?: AuditReason | null;
  email?: string | null;
  userId?: string | null;
}

/** Security events, with request metadata; never passwords or tokens. Owns `audit_event`. */
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
        ipHash: meta.ipHash,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
      },
    });
  }
}
