import { inTransaction, preparedStatement } from "../db/prepared";
import type { Tx } from "../db/transaction";

/**
 * INSERT of access grants from `source`, whose columns `cols` names; a grant the account already has is
 * left as it is. The one insert shape of `customer_access_grant`, used alone and inside the
 * first-enrollment statement.
 */
export function insertGrants(
  source: string,
  cols = { userId: "user_id", customerId: "customer_id", contractId: "granted_via_contract" },
): string {
  // A new proof of a suspended grant reinstates it: the person just proved the email is on file.
  return `INSERT INTO customer_access_grant (id, user_id, customer_id, granted_via_contract, created_at)
   SELECT gen_random_uuid(), ${cols.userId}, ${cols.customerId}, ${cols.contractId}, now() FROM ${source}
   ON CONFLICT (user_id, customer_id) DO UPDATE SET suspended_at = NULL
     WHERE customer_access_grant.suspended_at IS NOT NULL`;
}

/**
 * Whether the account's email is still on file for the grant's customer, by the one definition the
 * enrollment decision reads too: the servicing_email_on_file view (docs/servicing-import.md,
 * "Access follows the proof"). `u` is the account (portal_user), `g` the grant.
 */
const EMAIL_ON_FILE = `EXISTS (
    SELECT 1 FROM servicing_email_on_file o
    WHERE o.address = u.email AND o.customer_id = g.customer_id)`;

/**
 * Re-checks every grant against the servicing data as it now stands, in one statement: a grant whose
 * email is no longer on file is suspended (kept, with the time), a suspended one whose email is back
 * is reinstated. Returns the grants that changed, for the audit trail (`reinstated` false =
 * suspended). Run at the end of each import, in its transaction.
 */
export const RECHECK_GRANTS = `
  UPDATE customer_access_grant g
  SET suspended_at = CASE WHEN c.on_file THEN NULL ELSE now() END
  FROM (
    SELECT g.id, u.email, g.suspended_at IS NOT NULL AS was_suspended, ${EMAIL_ON_FILE} AS on_file
    FROM customer_access_grant g JOIN portal_user u ON u.id = g.user_id
  ) c
  WHERE g.id = c.id AND c.on_file = c.was_suspended
  RETURNING g.user_id, g.customer_id, c.email, c.on_file AS reinstated`;

/** Grants in all and suspended, after a re-check. */
export const COUNT_GRANTS = `
  SELECT count(*)::int AS total, count(*) FILTER (WHERE suspended_at IS NOT NULL)::int AS suspended
  FROM customer_access_grant`;

const GRANT = preparedStatement(
  "customer_access_grant_insert",
  insertGrants(
    "unnest($1::uuid[], $2::text[], $3::text[]) AS g(user_id, customer_id, granted_via_contract)",
  ),
);

/** The owner of `customer_access_grant`: which customers an account may see. */
export class AccessGrantRepository {
  /**
   * A grant for an existing account. Its notice is held (the column's default, as for a first
   * enrollment's grant) unless the account is active. The account row is locked first, so an
   * activation running at the same time either waits for this grant (and releases it) or has
   * committed and is seen here: a grant of an active account is never left held. FOR UPDATE, the
   * lock the link issued next in the same transaction takes anyway (AccountTokenRepository.issue):
   * two repeat enrollments sharing a weaker lock would deadlock upgrading it there.
   */
  async grant(tx: Tx, userId: string, customerId: string, contractId: string): Promise<void> {
    const [account] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text FROM portal_user WHERE id = ${userId}::uuid FOR UPDATE`;
    await inTransaction(tx).run(GRANT, [[userId], [customerId], [contractId]]);
    if (account?.status === "ACTIVE") await this.releaseNotices(tx, userId);
  }

  /** The account is active: the notices of its grants are due (see `takeUnnotified`). */
  async releaseNotices(tx: Tx, userId: string): Promise<void> {
    await tx.customerAccessGrant.updateMany({
      where: { userId, noticeHeld: true },
      data: { noticeHeld: false },
    });
  }

  /**
   * New grants whose notice is not sent yet, taken inside `tx` (another instance skips them), with
   * the newcomer and the customer's other active users with access in force, who are told.
   * Only grants in force whose notice is not held: a pending account's grants are held until its
   * email is verified and its password set (whoever enrolled may not own the address, and the name
   * they typed is mailed to nobody before then); one that never activates is never told about. A
   * grant added to an account already active (another contract) is due at once. The look-up reads
   * due rows only (index on notified_at, notice_held, created_at), however many are held. Then
   * three statements one after the other whatever the number of grants: a transaction is one
   * connection, and statements sent on it at once (Prisma batches concurrent finds) only queue in
   * the driver.
   */
  async takeUnnotified(tx: Tx, max: number) {
    const grants = await tx.$queryRaw<{ id: string; user_id: string; customer_id: string }[]>`
      SELECT id, user_id, customer_id FROM customer_access_grant
      WHERE notified_at IS NULL AND notice_held = false AND suspended_at IS NULL
      ORDER BY created_at LIMIT ${max} FOR UPDATE SKIP LOCKED`;
    if (grants.length === 0) return [];
    const customerIds = [...new Set(grants.map((g) => g.customer_id))];
    const newcomers = await tx.portalUser.findMany({
      where: { id: { in: [...new Set(grants.map((g) => g.user_id))] } },
    });
    const customers = await tx.servicingCustomer.findMany({
      where: { id: { in: customerIds } },
      select: { id: true, name: true },
    });
    const inForce = { customerId: { in: customerIds }, suspendedAt: null };
    const users = await tx.portalUser.findMany({
      where: { status: "ACTIVE", grants: { some: inForce } },
      select: {
        id: true,
        email: true,
        firstName: true,
        language: true,
        grants: { where: inForce, select: { customerId: true } },
      },
    });
    return grants.map((g) => {
      const newcomer = newcomers.find((u) => u.id === g.user_id);
      if (!newcomer) throw new Error(`grant ${g.id}: its account ${g.user_id} is gone`);
      const others = users
        .filter((u) => u.id !== g.user_id && u.grants.some((h) => h.customerId === g.customer_id))
        .map(({ grants: _grants, ...user }) => user);
      const customerName = customers.find((c) => c.id === g.customer_id)?.name ?? g.customer_id;
      return { grantId: g.id, customerName, newcomer, others };
    });
  }

  async markNotified(tx: Tx, grantIds: string[]): Promise<void> {
    await tx.customerAccessGrant.updateMany({
      where: { id: { in: grantIds } },
      data: { notifiedAt: new Date() },
    });
  }

  /** Staff withdrew the account's access to the customer. False when it had none. */
  async revoke(tx: Tx, userId: string, customerId: string): Promise<boolean> {
    const { count } = await tx.customerAccessGrant.deleteMany({ where: { userId, customerId } });
    return count > 0;
  }
}
