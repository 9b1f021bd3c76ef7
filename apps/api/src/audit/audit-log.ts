import { storableText } from "../db/storable-text";
import type { PrismaClient } from "../generated/prisma/client";
import type { Tx } from "../db/transaction";
import type { RequestMeta } from "./request-meta";

export type AuditEventType =
  | "SIGN_IN"
  | "SIGN_OUT"
  | "ENROLLMENT_COMPLETED"
  | "PASSWORD_RESET"
  | "TOKEN_REJECTED"
  | "VERIFICATION_EMAIL_REQUESTED"
  | "PASSWORD_RESET_REQUESTED"
  | "THROTTLED";

export interface AuditEvent {
  eventType: AuditEventType;
  outcome: string;
  reason?: string | null;
  email?: string | null;
  userId?: string | null;
}

/** Security events, with request metadata; never passwords or tokens. */
export class AuditLog {
  constructor(private readonly prisma: PrismaClient) {}

  async record(event: AuditEvent, meta: RequestMeta, tx: Tx | PrismaClient = this.prisma): Promise<void> {
    await tx.auditEvent.create({
      data: {
        ...event,
        email: event.email == null ? null : storableText(event.email, 320),
        ipHash: meta.ipHash,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
      },
    });
  }
}
