import type { PrismaClient } from "../generated/prisma/client";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface AttemptRecord {
  requestId: string | null;
  email: string | null;
  contractId: string | null;
  outcome: "STARTED" | "REJECTED" | "INVALID";
  reasonCode: string;
  customerId?: string | null;
  userId?: string | null;
}

export interface EnrollmentRecord {
  email: string;
  firstName: string;
  lastName: string;
  customerId: string;
  contractId: string;
}

/** Writes of the enrollment feature: accounts, access grants and the attempt log. */
export class EnrollmentRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async logAttempt(attempt: AttemptRecord, tx: Tx | PrismaClient = this.prisma): Promise<void> {
    await tx.enrollmentAttempt.create({
      data: {
        ...attempt,
        // The attempt log keeps what was typed, bounded: inputs may be hostile and huge.
        email: attempt.email?.slice(0, 320) ?? null,
        contractId: attempt.contractId?.slice(0, 100) ?? null,
      },
    });
  }

  /**
   * Creates the pending account and the access grant, or finds the existing account for the email.
   * `INSERT … ON CONFLICT DO NOTHING` makes parallel attempts for one email end with one account.
   */
  async enroll(record: EnrollmentRecord, attempt: Omit<AttemptRecord, "outcome" | "reasonCode" | "userId" | "customerId">) {
    return this.prisma.$transaction(async (tx) => {
      const inserted = await tx.$queryRawUnsafe<{ id: string }[]>(
        `INSERT INTO portal_user (id, email, first_name, last_name, status, created_at, updated_at)
         VALUES (gen_random_uuid(), $1, $2, $3, 'PENDING_VERIFICATION', now(), now())
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        record.email,
        record.firstName,
        record.lastName,
      );
      const user = inserted[0] ?? (await tx.portalUser.findUniqueOrThrow({ where: { email: record.email }, select: { id: true } }));
      const created = inserted.length > 0;
      await tx.$executeRawUnsafe(
        `INSERT INTO customer_access_grant (id, user_id, customer_id, granted_via_contract, created_at)
         VALUES (gen_random_uuid(), $1::uuid, $2, $3, now())
         ON CONFLICT (user_id, customer_id) DO NOTHING`,
        user.id,
        record.customerId,
        record.contractId,
      );
      await this.logAttempt(
        {
          ...attempt,
          outcome: "STARTED",
          reasonCode: created ? "ELIGIBLE" : "ALREADY_ENROLLED",
          customerId: record.customerId,
          userId: user.id,
        },
        tx,
      );
      return { userId: user.id, created };
    });
  }
}
