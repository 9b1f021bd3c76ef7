import { hashSecretToken, newSecretToken } from "../credentials/tokens";
import type { PrismaClient } from "../generated/prisma/client";
import type { StaffMember } from "./staff.repository";

const TOUCH_EVERY_MS = 60_000;

/**
 * The owner of `staff_session`: staff sessions with idle and absolute expiry, apart from portal
 * sessions (their own table and cookie), so neither kind can stand for the other.
 */
export class StaffSessionRepository {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly limits: { idleMs: number; absoluteMs: number },
  ) {}

  async create(staffUserId: string): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + this.limits.absoluteMs);
    // The application's clock, like activated_at's: the two are compared in `resolve`.
    await this.prisma.staffSession.create({
      data: {
        staffUserId,
        tokenHash: hash,
        expiresAt,
        createdAt: new Date(),
        lastSeenAt: new Date(),
      },
    });
    return { token, expiresAt };
  }

  /** The member of staff of a cookie token, or null: absent, unknown, idle too long or past its lifetime. */
  async resolve(token: string | undefined): Promise<StaffMember | null> {
    if (!token || token.length > 100) return null;
    const session = await this.prisma.staffSession.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      include: { staffUser: { select: { id: true, email: true, role: true, activatedAt: true } } },
    });
    // A session from before the account's (re)activation (a sign-in that raced staff:disable or a
    // --reset) is not honoured.
    if (
      !session ||
      !session.staffUser.activatedAt ||
      session.createdAt.getTime() < session.staffUser.activatedAt.getTime()
    )
      return null;
    const now = Date.now();
    if (
      session.expiresAt.getTime() <= now ||
      session.lastSeenAt.getTime() + this.limits.idleMs <= now
    ) {
      await this.prisma.staffSession.deleteMany({ where: { id: session.id } });
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS)
      await this.prisma.staffSession.update({
        where: { id: session.id },
        data: { lastSeenAt: new Date(now) },
      });
    const { id, email, role } = session.staffUser;
    return { id, email, role };
  }

  async end(token: string | undefined): Promise<void> {
    if (!token || token.length > 100) return;
    await this.prisma.staffSession.deleteMany({ where: { tokenHash: hashSecretToken(token) } });
  }
}
