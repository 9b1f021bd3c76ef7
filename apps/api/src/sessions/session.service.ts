import type { Config } from "../config/config";
import type { PrismaClient } from "../generated/prisma/client";
import { storableEmail } from "../db/storable-text";
import { verifyPassword } from "../credentials/password.hasher";
import { PASSWORD_LENGTH, STORED_LENGTH } from "@portal/matching";
import { hashSecretToken, newSecretToken } from "../credentials/tokens";
import type { Tx } from "../db/transaction";

export interface SessionUser {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
}

const TOUCH_EVERY_MS = 60_000;

/** Server-side sessions with idle and absolute expiry; the cookie holds a random token, the table its hash. */
export class SessionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly config: Config["sessions"],
  ) {}

  /**
   * The account for an email and password, or null. Unknown emails, pending accounts and wrong
   * passwords all spend the same hashing time and give the same null.
   */
  async verifyCredentials(email: string, password: string): Promise<SessionUser | null> {
    if (email.length > STORED_LENGTH.email || [...password].length > PASSWORD_LENGTH.max)
      return null;
    const user = await this.prisma.portalUser.findUnique({
      where: { email: storableEmail(email) },
    });
    const ok = await verifyPassword(user?.status === "ACTIVE" ? user.passwordHash : null, password);
    if (!ok || !user) return null;
    return { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName };
  }

  async create(tx: Tx | undefined, userId: string): Promise<{ token: string; expiresAt: Date }> {
    const { token, hash } = newSecretToken();
    const expiresAt = new Date(Date.now() + this.config.absoluteMs);
    await (tx ?? this.prisma).userSession.create({ data: { userId, tokenHash: hash, expiresAt } });
    return { token, expiresAt };
  }

  /** The signed-in user for a cookie token, or null when absent, unknown, idle too long or past its lifetime. */
  async resolve(token: string | undefined): Promise<SessionUser | null> {
    if (!token || token.length > STORED_LENGTH.token) return null;
    const session = await this.prisma.userSession.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      include: {
        user: { select: { id: true, email: true, firstName: true, lastName: true, status: true } },
      },
    });
    if (!session || session.user.status !== "ACTIVE") return null;
    const now = Date.now();
    if (
      session.expiresAt.getTime() <= now ||
      session.lastSeenAt.getTime() + this.config.idleMs <= now
    ) {
      await this.prisma.userSession.deleteMany({ where: { id: session.id } });
      return null;
    }
    if (now - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.prisma.userSession.update({
        where: { id: session.id },
        data: { lastSeenAt: new Date(now) },
      });
    }
    const { id, email, firstName, lastName } = session.user;
    return { id, email, firstName, lastName };
  }

  async end(token: string | undefined): Promise<void> {
    if (!token || token.length > STORED_LENGTH.token) return;
    await this.prisma.userSession.deleteMany({ where: { tokenHash: hashSecretToken(token) } });
  }

  async endAllFor(tx: Tx, userId: string): Promise<void> {
    await tx.userSession.deleteMany({ where: { userId } });
  }
}
