import { STORED_LENGTH, type TokenProblem } from "@portal/matching";
import { hashSecretToken } from "../credentials/tokens";
import { inTransaction, preparedStatement } from "../db/prepared";
import type { Tx } from "../db/transaction";
import type { PrismaClient } from "../generated/prisma/client";

export type TokenPurpose = "VERIFY_EMAIL" | "RESET_PASSWORD";
export type { TokenProblem };
export type TokenCheck = { ok: true; userId: string } | { ok: false; problem: TokenProblem };

/** A token about to be stored: only its hash ever reaches the database. */
export interface NewToken {
  purpose: TokenPurpose;
  hash: string;
  ttlMs: number;
}

/**
 * INSERT of tokens from `source`, whose columns `cols` names (the TTL in milliseconds). The one insert
 * shape of `account_token`, used by `issue` and inside the first-enrollment statement.
 */
export function insertTokens(
  source: string,
  cols = { userId: "user_id", purpose: "purpose", hash: "token_hash", ttlMs: "ttl_ms" },
): string {
  return `INSERT INTO account_token (id, user_id, purpose, token_hash, created_at, expires_at)
   SELECT gen_random_uuid(), ${cols.userId}, ${cols.purpose}::token_purpose, ${cols.hash}, now(), now() + ${cols.ttlMs} * interval '1 millisecond' FROM ${source}`;
}

const INSERT_TOKEN = preparedStatement(
  "account_token_insert",
  insertTokens(
    "unnest($1::uuid[], $2::text[], $3::text[], $4::bigint[]) AS t(user_id, purpose, token_hash, ttl_ms)",
  ),
);

/** The owner of `account_token`: links' tokens, stored as hashes, single use, superseded by newer ones. */
export class AccountTokenRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Stores a new token and invalidates every earlier live token of the same user and purpose. */
  async issue(tx: Tx, userId: string, { purpose, hash, ttlMs }: NewToken): Promise<void> {
    // Serialises issuing per user: without the lock, two concurrent transactions would each supersede
    // only the tokens they can see and both insert one, leaving two live links.
    await tx.$queryRaw`SELECT 1 FROM portal_user WHERE id = ${userId}::uuid FOR UPDATE`;
    await tx.accountToken.updateMany({
      where: { userId, purpose, usedAt: null, supersededAt: null },
      data: { supersededAt: new Date() },
    });
    await inTransaction(tx).run(INSERT_TOKEN, [[userId], [purpose], [hash], [ttlMs]]);
  }

  /** Says whether a token could be used, without using it. */
  async check(token: string, purpose: TokenPurpose): Promise<TokenCheck> {
    if (token.length === 0 || token.length > STORED_LENGTH.token)
      return { ok: false, problem: "INVALID" };
    // Hashing makes any string safe to look up: the hash is hex.
    const row = await this.prisma.accountToken.findUnique({
      where: { tokenHash: hashSecretToken(token) },
      include: { user: { select: { status: true } } },
    });
    // A deactivated account's links are as good as unknown: nothing is said about the account.
    if (!row || row.purpose !== purpose || row.user.status === "INACTIVE")
      return { ok: false, problem: "INVALID" };
    if (row.usedAt) return { ok: false, problem: "USED" };
    if (row.supersededAt) return { ok: false, problem: "SUPERSEDED" };
    if (row.expiresAt.getTime() <= Date.now()) return { ok: false, problem: "EXPIRED" };
    return { ok: true, userId: row.userId };
  }

  /** Every unused link of the account stops working (staff deactivated it). */
  async supersedeAll(tx: Tx, userId: string): Promise<void> {
    await tx.accountToken.updateMany({
      where: { userId, usedAt: null, supersededAt: null },
      data: { supersededAt: new Date() },
    });
  }

  /** Uses a token atomically: of two concurrent uses only one succeeds. */
  async consume(tx: Tx, token: string, purpose: TokenPurpose): Promise<string | null> {
    const rows = await tx.$queryRaw<{ user_id: string }[]>`
      UPDATE account_token SET used_at = now()
      WHERE token_hash = ${hashSecretToken(token)} AND purpose = ${purpose}::token_purpose
        AND used_at IS NULL AND superseded_at IS NULL AND expires_at > now()
      RETURNING user_id`;
    return rows[0]?.user_id ?? null;
  }
}
