import {
  STORED_LENGTH,
  SUPPORT_LIMITS,
  normalizeContractId,
  normalizeEmail,
} from "@portal/matching";
import { storableText } from "../db/storable-text";
import { isUuid } from "../db/uuid";
import type { AccessGrantRepository } from "../accounts/access-grant.repository";
import type { AccountMailer } from "../accounts/account-mailer";
import type { AccountTokenRepository } from "../accounts/account-token.repository";
import type { PortalUserRepository } from "../accounts/portal-user.repository";
import type { AuditLog, StaffActionKind } from "../audit/audit-log";
import type { Tx } from "../db/transaction";
import type { PrismaClient } from "../generated/prisma/client";
import type { RequestMeta } from "../request/request-context";
import type { SessionService } from "../sessions/session.service";
import type { ThrottleGuard, ThrottleRefusal } from "../throttle/throttle-guard";
import type { StaffMember } from "./staff.repository";

/** Why an action was not done. */
export type ActionRefusal =
  /** The member of staff's role does not allow it (an ADMIN action asked by SUPPORT). */
  | "ADMIN_ONLY"
  | "USER_NOT_FOUND"
  /** resendVerification: the account is not waiting for verification. */
  | "NOT_PENDING"
  | "ALREADY_INACTIVE"
  | "NOT_INACTIVE"
  | "GRANT_NOT_FOUND"
  /** clearEnrollmentThrottle without an email or a contract id; deactivation without a reason. */
  | "INPUT_MISSING";

export type ActionOutcome =
  | { kind: "done" }
  | { kind: "refused"; refusal: ActionRefusal }
  | { kind: "throttled"; refusal: ThrottleRefusal };

export const DEACTIVATION_REASON_MAX = SUPPORT_LIMITS.deactivationReason;

/**
 * What staff may do to portal accounts. Each action runs with its audit event in one transaction
 * (no action without its trace); a refused action is audited too. Who may run which action is
 * declared on the resolver and decided by the support schema's auth checker (staff-auth.guard.ts);
 * its refusals are audited here (`refusedForRole`).
 */
export class SupportActionsService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly users: PortalUserRepository,
    private readonly tokens: AccountTokenRepository,
    private readonly sessions: SessionService,
    private readonly grants: AccessGrantRepository,
    private readonly mailer: AccountMailer,
    private readonly throttle: ThrottleGuard,
    private readonly audit: AuditLog,
    private readonly mailQueued: () => void,
  ) {}

  /** A new verification link for a pending account, within the per-address mail limit. */
  resendVerification(
    userId: string,
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<ActionOutcome> {
    return this.act("RESEND_VERIFICATION", staff, meta, { userId }, async (tx) => {
      const user = await this.findUser(tx, userId);
      if (!user) return { kind: "refused", refusal: "USER_NOT_FOUND" };
      if (user.status !== "PENDING_VERIFICATION")
        return { kind: "refused", refusal: "NOT_PENDING" };
      // The refusal is audited by `act` once the transaction is over (PGlite has one connection).
      const admission = await this.throttle.admit(
        { name: "STAFF_ACTION" },
        [{ throttle: "RATE_LIMIT_MAIL_EMAIL", value: user.email }],
        { meta },
      );
      if (!admission.admitted) return { kind: "throttled", refusal: admission.refusal };
      await admission.reservation.fail(); // every mail counts against the address
      await this.mailer.sendVerification(tx, user);
      return { kind: "done" };
    });
  }

  /** Forgets the enrollment attempts counted on an address and/or a contract (a caller who got locked out). */
  clearEnrollmentThrottle(
    input: { email?: string | null; contractId?: string | null },
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<ActionOutcome> {
    const email = input.email?.trim()
      ? storableText(normalizeEmail(input.email), STORED_LENGTH.email)
      : null;
    const contractId = input.contractId?.trim()
      ? storableText(normalizeContractId(input.contractId), STORED_LENGTH.contractId)
      : null;
    return this.act(
      "CLEAR_ENROLLMENT_THROTTLE",
      staff,
      meta,
      { email, target: contractId },
      async () => {
        if (email === null && contractId === null)
          return { kind: "refused", refusal: "INPUT_MISSING" };
        await this.throttle.clear([
          ...(email === null
            ? []
            : [{ throttle: "RATE_LIMIT_ENROLL_EMAIL" as const, value: email }]),
          ...(contractId === null
            ? []
            : [{ throttle: "RATE_LIMIT_ENROLL_CONTRACT" as const, value: contractId }]),
        ]);
        return { kind: "done" };
      },
    );
  }

  /**
   * ADMIN: the account can no longer sign in, use a session (every one ends now), use a link or
   * reset its password; the person is told by mail.
   */
  deactivatePortalUser(
    userId: string,
    reason: string,
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<ActionOutcome> {
    const why = storableText(reason.trim(), DEACTIVATION_REASON_MAX);
    return this.act("DEACTIVATE_USER", staff, meta, { userId, target: why }, async (tx) => {
      if (why.length === 0) return { kind: "refused", refusal: "INPUT_MISSING" };
      const user = await this.findUser(tx, userId);
      if (!user) return { kind: "refused", refusal: "USER_NOT_FOUND" };
      if (!(await this.users.deactivate(tx, user.id, why)))
        return { kind: "refused", refusal: "ALREADY_INACTIVE" };
      await this.sessions.endAllFor(tx, user.id);
      await this.tokens.supersedeAll(tx, user.id);
      await this.mailer.sendDeactivated(tx, user);
      return { kind: "done" };
    });
  }

  /** ADMIN: back to active (or pending, if no password was ever set). */
  reactivatePortalUser(
    userId: string,
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<ActionOutcome> {
    return this.act("REACTIVATE_USER", staff, meta, { userId }, async (tx) => {
      const user = await this.findUser(tx, userId);
      if (!user) return { kind: "refused", refusal: "USER_NOT_FOUND" };
      if (!(await this.users.reactivate(tx, user.id)))
        return { kind: "refused", refusal: "NOT_INACTIVE" };
      // A sign-in that raced the deactivation may have left a session: none survives into the new state.
      await this.sessions.endAllFor(tx, user.id);
      return { kind: "done" };
    });
  }

  /** ADMIN: the account no longer sees the customer's contracts (it may prove them again). */
  revokeGrant(
    userId: string,
    customerId: string,
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<ActionOutcome> {
    // Bounded and storable before it is looked up or audited (a NUL, a megabyte).
    const customer = storableText(customerId, STORED_LENGTH.contractId);
    return this.act("REVOKE_GRANT", staff, meta, { userId, customerId: customer }, async (tx) => {
      const user = await this.findUser(tx, userId);
      if (!user) return { kind: "refused", refusal: "USER_NOT_FOUND" };
      if (customer !== customerId) return { kind: "refused", refusal: "GRANT_NOT_FOUND" };
      return (await this.grants.revoke(tx, user.id, customer))
        ? { kind: "done" }
        : { kind: "refused", refusal: "GRANT_NOT_FOUND" };
    });
  }

  /** An action the member of staff's role does not allow (the auth checker decided): audited as refused. */
  async refusedForRole(
    action: StaffActionKind,
    subject: { userId?: string; customerId?: string; reason?: string },
    staff: StaffMember,
    meta: RequestMeta,
  ): Promise<ActionOutcome> {
    const userId = subject.userId !== undefined && isUuid(subject.userId) ? subject.userId : null;
    await this.audit.record(
      {
        eventType: "STAFF_ACTION",
        outcome: "REFUSED",
        reason: action,
        staffUserId: staff.id,
        userId,
        customerId:
          subject.customerId === undefined
            ? null
            : storableText(subject.customerId, STORED_LENGTH.contractId),
        email: null,
        target:
          subject.reason !== undefined
            ? storableText(subject.reason.trim(), DEACTIVATION_REASON_MAX)
            : userId === null
              ? (subject.userId ?? null)
              : null,
      },
      meta,
    );
    return { kind: "refused", refusal: "ADMIN_ONLY" };
  }

  /** The work and its audit event in one transaction; a refusal is audited alone. */
  private async act(
    action: StaffActionKind,
    staff: StaffMember,
    meta: RequestMeta,
    subject: {
      userId?: string;
      customerId?: string;
      email?: string | null;
      target?: string | null;
    },
    work: (tx: Tx) => Promise<ActionOutcome>,
  ): Promise<ActionOutcome> {
    const userId = subject.userId !== undefined && isUuid(subject.userId) ? subject.userId : null;
    const event = {
      eventType: "STAFF_ACTION" as const,
      reason: action,
      staffUserId: staff.id,
      userId,
      customerId: subject.customerId ?? null,
      email: subject.email ?? null,
      target: subject.target ?? (userId === null ? (subject.userId ?? null) : null),
    };
    const outcome = await this.prisma.$transaction(async (tx) => {
      const result = await work(tx);
      if (result.kind === "done")
        await this.audit.record({ ...event, outcome: "SUCCESS" }, meta, tx);
      return result;
    });
    if (outcome.kind === "done") this.mailQueued();
    else
      await this.audit.record(
        { ...event, outcome: outcome.kind === "throttled" ? "THROTTLED" : "REFUSED" },
        meta,
      );
    return outcome;
  }

  private findUser(tx: Tx, userId: string) {
    return isUuid(userId)
      ? tx.portalUser.findUnique({ where: { id: userId } })
      : Promise.resolve(null);
  }
}
