import type { Tx } from "../db/transaction";
import type { PrismaClient } from "../generated/prisma/client";
import { hashSecretToken } from "./tokens";

export type TokenPurpose = "VERIFY_EMAIL" | "RESET_PASSWORD";
export type TokenProblem = "INVALID" | "EXPIRED" | "USED" | "SUPERSEDED";
export type TokenCheck = { ok: true; userId: string } | { ok: false; problem: TokenProblem };

const MAX_TOKEN_LENGTH = 100;

/** A token about to be stored: only its hash ever reaches the database. */
export interface NewToken {
  purpose: TokenPurpose;
  hash: string;
  ttlMs: number;
}

export class AccountTokenRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores a new token and invalidates every earlier live token of the same user and purpose. */
  async issue(tx: Tx, userId: string, { purpose, hash, ttlMs }: NewToken): Promise<void> {
    // Serialises issuing per user: without the lock, two concurrent transactions would each supersede
    // only the tokens they can see and both insert one, leaving two live links.
    await tx.$queryRawUnsafe(`SELECT 1 FROM portal_user WHERE id = $1::uuid FOR UPDATE`, userId);
    await tx.accountToken.updateMany({
      where: { userId, purpose, usedAt: null, supersededAt: null },
      data: { supersededAt: new Date() },
    });
    await tx.accountToken.create({
      data: { userId, purpose, tokenHash: hash, expiresAt: new Date(Date.now() + ttlMs) },
    });
  }

  /** Says whether a token could be used, without using it. */
  async check(token: string, purpose: TokenPurpose): Promise<TokenCheck> {
    if (token.length === 0 || token.length > MAX_TOKEN_LENGTH) return { ok: false, problem: "INVALID" };
    // Hashing makes any string safe to look up: the hash is hex.
    const row = await this.prisma.accountToken.findUnique({ where: { tokenHash: hashSecretToken(token) } });
    if (!row || row.purpose !== purpose) return { ok: false, problem: "INVALID" };
    if (row.usedAt) return { ok: false, problem: "USED" };
    if (row.supersededAt) return { ok: false, problem: "SUPERSEDED" };
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false, problem: "EXPIRED" };
    return { ok: true, userId: row.userId };
  }

  /** Uses a token atomically: of two concurrent uses only one succeeds. */
  async consume(tx: Tx, token: string, purpose: TokenPurpose): Promise<string | null> {
    const rows = await tx.$queryRawUnsafe<{ user_id: string }[]>(
      `UPDATE account_token SET used_at = now()
       WHERE token_hash = $1 AND purpose = $2::token_purpose AND used_at IS NULL AND superseded_at IS NULL AND expires_at > now()
       RETURNING user_id`,
      hashSecretToken(token),
      purpose,
    );
    return rows[0]?.user_id ?? null;
  }
}
