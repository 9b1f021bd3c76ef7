import type { TokenProblem } from "@portal/matching";
import { hashSecretToken } from "../credentials/tokens";
import type { PrismaClient } from "../generated/prisma/client";
import type { Tx } from "../db/transaction";

export type StaffRole = "SUPPORT" | "ADMIN";

/** A signed-in (or signing-in) member of staff, as services see one. */
export interface StaffMember {
  id: string;
  email: string;
  role: StaffRole;
}

/** The owner of `staff_user` and `staff_token` (invitations): every insert and update goes through here. */
export class StaffRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * A new invitation for `email`: the account is created (or, not yet set up, given the new role), and
   * its earlier invitations stop working. An account that is already set up is invited again only
   * with `reset` (a lost authenticator, a changed STAFF_SECRET_KEY): its password, second factor and
   * sessions are gone at once, until the new invitation is accepted.
   */
  async invite(
    tx: Tx,
    invitation: {
      email: string;
      role: StaffRole;
      tokenHash: string;
      expiresAt: Date;
      reset?: boolean;
    },
  ): Promise<{ kind: "invited"; staffUserId: string } | { kind: "already-active" }> {
    const existing = await tx.staffUser.findUnique({ where: { email: invitation.email } });
    if (existing?.activatedAt && !invitation.reset) return { kind: "already-active" };
    if (existing?.activatedAt)
      await tx.staffSession.deleteMany({ where: { staffUserId: existing.id } });
    const staff = existing
      ? await tx.staffUser.update({
          where: { id: existing.id },
          data: {
            role: invitation.role,
            passwordHash: null,
            totpSecret: null,
            totpLastStep: null,
            activatedAt: null,
          },
        })
      : await tx.staffUser.create({ data: { email: invitation.email, role: invitation.role } });
    await tx.staffToken.updateMany({
      where: { staffUserId: staff.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.staffToken.create({
      data: {
        staffUserId: staff.id,
        tokenHash: invitation.tokenHash,
        expiresAt: invitation.expiresAt,
      },
    });
    return { kind: "invited", staffUserId: staff.id };
  }

  /**
   * Offboarding: the account can no longer sign in (password, second factor, sessions and unused
   * invitations gone at once). The row stays, so the audit trail keeps naming who did what; a new
   * invitation brings it back. Null when no account has the address.
   */
  async disable(tx: Tx, email: string): Promise<string | null> {
    const staff = await tx.staffUser.findUnique({ where: { email } });
    if (!staff) return null;
    await tx.staffSession.deleteMany({ where: { staffUserId: staff.id } });
    await tx.staffToken.updateMany({
      where: { staffUserId: staff.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    await tx.staffUser.update({
      where: { id: staff.id },
      data: { passwordHash: null, totpSecret: null, totpLastStep: null, activatedAt: null },
    });
    return staff.id;
  }

  /** The invitation a link's token names, if it can still be used. */
  async checkInvite(
    token: string,
  ): Promise<{ ok: true; staff: StaffMember } | { ok: false; problem: TokenProblem }> {
    if (token.length === 0 || token.length > 100) return { ok: false, problem: "INVALID" };
    const row = await this.prisma.staffToken.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      include: { staffUser: true },
    });
    if (!row) return { ok: false, problem: "INVALID" };
    if (row.usedAt)
      return { ok: false, problem: row.staffUser.activatedAt ? "USED" : "SUPERSEDED" };
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false, problem: "EXPIRED" };
    const { id, email, role } = row.staffUser;
    return { ok: true, staff: { id, email, role } };
  }

  /**
   * Uses the invitation and sets the account up, atomically: of two concurrent uses only one sets
   * the password and the second factor. False when the link was used (or expired) meanwhile.
   */
  async completeInvite(
    tx: Tx,
    token: string,
    setup: { passwordHash: string; sealedTotpSecret: string },
  ): Promise<string | null> {
    const rows = await tx.$queryRaw<{ staff_user_id: string }[]>`
      UPDATE staff_token SET used_at = now()
      WHERE token_hash = ${hashSecretToken(token)} AND used_at IS NULL AND expires_at > now()
      RETURNING staff_user_id`;
    const staffUserId = rows[0]?.staff_user_id;
    if (!staffUserId) return null;
    await tx.staffUser.update({
      where: { id: staffUserId },
      data: {
        passwordHash: setup.passwordHash,
        totpSecret: setup.sealedTotpSecret,
        totpLastStep: null,
        activatedAt: new Date(),
      },
    });
    return staffUserId;
  }

  /** The set-up account of an address, with what sign-in checks. */
  findForSignIn(email: string) {
    return this.prisma.staffUser.findUnique({
      where: { email },
      select: {
        id: true,
        email: true,
        role: true,
        passwordHash: true,
        totpSecret: true,
        totpLastStep: true,
        activatedAt: true,
      },
    });
  }

  /**
   * Records the TOTP step of an accepted code, only if it is later than the last one: two requests
   * racing with the same code cannot both sign in.
   */
  async acceptStep(staffUserId: string, step: number): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE staff_user SET totp_last_step = ${step}, last_sign_in_at = now()
      WHERE id = ${staffUserId}::uuid AND (totp_last_step IS NULL OR totp_last_step < ${step})`;
    return count === 1;
  }
}
