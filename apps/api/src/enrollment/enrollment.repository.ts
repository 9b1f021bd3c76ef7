import type { PrismaClient } from "../generated/prisma/client";
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

/** Writes of the enrollment feature: accounts, access grants and the attempt log. */
export class EnrollmentRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async logAttempt(attempt: AttemptRecord, tx: Tx | PrismaClient = this.prisma): Promise<void> {
    await tx.enrollmentAttempt.create({
      data: {
        ...attempt,
        // The attempt log keeps what was typed, bounded: inputs may be hostile and huge.
        email: attempt.email == null ? null : storableText(attempt.email, 320),
        contractId: attempt.contractId == null ? null : storableText(attempt.contractId, 100),
      },
    });
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
