import type { MailLanguage } from "../mail/mail.templates";
import type { PrismaClient } from "../generated/prisma/client";
import { inTransaction, preparedStatement } from "../db/prepared";
import type { Tx } from "../db/transaction";

/** A pending account found or created for an enrollment. */
export interface PendingAccount {
  id: string;
  email: string;
  firstName: string;
  status: "PENDING_VERIFICATION" | "ACTIVE" | "INACTIVE";
  created: boolean;
}

/**
 * INSERT of pending accounts from `source`, whose columns `cols` names; an address that already has an
 * account is left as it is (`ON CONFLICT DO NOTHING`, so parallel enrollments of one address end with
 * one account). Returns the id and email of each account it created. The one insert shape of
 * `portal_user`, used alone and inside the first-enrollment statement.
 */
export function insertPendingUsers(
  source: string,
  cols = { email: "email", firstName: "first_name", lastName: "last_name" },
): string {
  return `INSERT INTO portal_user (id, email, first_name, last_name, status, created_at, updated_at)
   SELECT gen_random_uuid(), ${cols.email}, ${cols.firstName}, ${cols.lastName}, 'PENDING_VERIFICATION', now(), now() FROM ${source}
   ON CONFLICT (email) DO NOTHING RETURNING id, email`;
}

const CREATE_PENDING = preparedStatement(
  "portal_user_create_pending",
  insertPendingUsers(
    "unnest($1::text[], $2::text[], $3::text[]) AS p(email, first_name, last_name)",
  ),
);

/** The owner of `portal_user`: every insert and update of it goes through here. */
export class PortalUserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates the pending account, or finds the existing one for the email. */
  async findOrCreatePending(
    tx: Tx,
    person: { email: string; firstName: string; lastName: string },
  ): Promise<PendingAccount> {
    const [inserted] = await inTransaction(tx).run<{ id: string }>(CREATE_PENDING, [
      [person.email],
      [person.firstName],
      [person.lastName],
    ]);
    if (inserted)
      return {
        id: inserted.id,
        email: person.email,
        firstName: person.firstName,
        status: "PENDING_VERIFICATION",
        created: true,
      };
    const user = await tx.portalUser.findUniqueOrThrow({ where: { email: person.email } });
    return {
      id: user.id,
      email: user.email,
      firstName: user.firstName,
      status: user.status,
      created: false,
    };
  }

  /** The email is verified and the password set: the account can sign in. */
  async activate(tx: Tx, userId: string, passwordHash: string, verifiedAt: Date): Promise<boolean> {
    // Never an account staff deactivated: its links stop working (they are superseded too).
    const { count } = await tx.portalUser.updateMany({
      where: { id: userId, status: { not: "INACTIVE" } },
      data: { passwordHash, status: "ACTIVE", verifiedAt },
    });
    return count === 1;
  }

  /** A sign-in (or a password set, which signs in), in the language the page was read in when known. */
  async recordSignIn(userId: string, language?: MailLanguage | null): Promise<void> {
    await this.prisma.portalUser.updateMany({
      where: { id: userId },
      data: { lastSignInAt: new Date(), ...(language ? { language } : {}) },
    });
  }

  /** Staff deactivation: the account can do nothing until reactivated. False when it was already inactive. */
  async deactivate(tx: Tx, userId: string, reason: string): Promise<boolean> {
    const { count } = await tx.portalUser.updateMany({
      where: { id: userId, status: { not: "INACTIVE" } },
      data: { status: "INACTIVE", deactivatedAt: new Date(), deactivationReason: reason },
    });
    return count === 1;
  }

  /** Back to what it was: active when a password was ever set, else pending. False when it was not inactive. */
  async reactivate(tx: Tx, userId: string): Promise<boolean> {
    const user = await tx.portalUser.findUnique({ where: { id: userId } });
    if (user?.status !== "INACTIVE") return false;
    await tx.portalUser.update({
      where: { id: userId },
      data: {
        status: user.passwordHash === null ? "PENDING_VERIFICATION" : "ACTIVE",
        deactivatedAt: null,
        deactivationReason: null,
      },
    });
    return true;
  }

  findById(id: string) {
    return this.prisma.portalUser.findUniqueOrThrow({ where: { id } });
  }

  findByEmail(email: string, tx: Tx | PrismaClient = this.prisma) {
    return tx.portalUser.findUnique({ where: { email } });
  }
}
