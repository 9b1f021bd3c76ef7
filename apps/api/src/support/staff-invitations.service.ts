import { isSingleEmailAddress } from "@portal/matching";
import { AuditLog } from "../audit/audit-log";
import type { Config } from "../config/config";
import type { Database } from "../db/database";
import { newSecretToken } from "../credentials/tokens";
import { storableEmail } from "../db/storable-text";
import type { PrismaClient } from "../generated/prisma/client";
import { staffInviteMail } from "../mail/mail.templates";
import { OutboxRepository } from "../mail/outbox.repository";
import type { RequestMeta } from "../request/request-context";
import { StaffRepository, type StaffRole } from "./staff.repository";

export type StaffInviteOutcome =
  | { kind: "invited"; staffUserId: string; link: string }
  | { kind: "invalid-email" }
  | { kind: "already-active" };

/** Invitations to the support console (`pnpm staff:invite`): the account, its link and the mail together. */
export class StaffInvitations {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly staff: StaffRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditLog,
    private readonly config: Pick<Config, "publicUrl" | "branding" | "staff">,
    private readonly mailQueued: () => void = () => {},
  ) {}

  /** Takes a member of staff's access away (`pnpm staff:disable`); false when no account has the address. */
  async disable(rawEmail: string, meta: RequestMeta): Promise<boolean> {
    const email = storableEmail(rawEmail);
    const staffUserId = await this.prisma.$transaction(async (tx) => {
      const id = await this.staff.disable(tx, email);
      if (id)
        await this.audit.record(
          { eventType: "STAFF_DISABLED", outcome: "SUCCESS", email, staffUserId: id },
          meta,
          tx,
        );
      return id;
    });
    return staffUserId !== null;
  }

  /** Invites `email` with `role`; a new invitation replaces an unused earlier one. */
  async invite(
    rawEmail: string,
    role: StaffRole,
    meta: RequestMeta,
    options: { reset?: boolean } = {},
  ): Promise<StaffInviteOutcome> {
    if (!isSingleEmailAddress(rawEmail)) return { kind: "invalid-email" };
    const email = storableEmail(rawEmail);
    const { token, hash } = newSecretToken();
    const link = new URL("support/invite", `${this.config.publicUrl}/`);
    link.searchParams.set("token", token);
    const outcome = await this.prisma.$transaction(async (tx) => {
      const invited = await this.staff.invite(tx, {
        email,
        role,
        tokenHash: hash,
        expiresAt: new Date(Date.now() + this.config.staff.inviteTtlMs),
        reset: options.reset === true,
      });
      if (invited.kind === "invited") {
        await this.outbox.enqueue(
          tx,
          email,
          staffInviteMail(this.config.branding, {
            role,
            link: link.toString(),
            ttlHours: Math.round(this.config.staff.inviteTtlMs / 3_600_000),
          }),
        );
        await this.audit.record(
          {
            eventType: "STAFF_INVITE",
            outcome: "SUCCESS",
            email,
            staffUserId: invited.staffUserId,
            target: options.reset ? `${role} (reset)` : role,
          },
          meta,
          tx,
        );
      }
      return invited;
    });
    if (outcome.kind !== "invited") return outcome;
    this.mailQueued();
    return { ...outcome, link: link.toString() };
  }
}

/**
 * Invitations to the support console and offboarding: what `pnpm staff:invite`, `pnpm
 * staff:disable` and the tests use, on the database alone (no running portal needed).
 */
export function createStaffInvitations(
  db: Database,
  config: Pick<Config, "publicUrl" | "branding" | "staff">,
  mailQueued?: () => void,
): StaffInvitations {
  return new StaffInvitations(
    db.prisma,
    new StaffRepository(db.prisma),
    new OutboxRepository(db.prisma, db.sql),
    new AuditLog(db.prisma),
    config,
    mailQueued,
  );
}
