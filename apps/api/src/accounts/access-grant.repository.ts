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
  return `INSERT INTO customer_access_grant (id, user_id, customer_id, granted_via_contract, created_at)
   SELECT gen_random_uuid(), ${cols.userId}, ${cols.customerId}, ${cols.contractId}, now() FROM ${source}
   ON CONFLICT (user_id, customer_id) DO NOTHING`;
}

const GRANT = preparedStatement(
  "customer_access_grant_insert",
  insertGrants(
    "unnest($1::uuid[], $2::text[], $3::text[]) AS g(user_id, customer_id, granted_via_contract)",
  ),
);

/** The owner of `customer_access_grant`: which customers an account may see. */
export class AccessGrantRepository {
  async grant(tx: Tx, userId: string, customerId: string, contractId: string): Promise<void> {
    await inTransaction(tx).run(GRANT, [[userId], [customerId], [contractId]]);
  }
}
