import { type PreparedSql, preparedStatement } from "@portal/api/db/prepared";
import {
  type EligibilityFacts,
  type FactsRow,
  factsFromRow,
} from "@portal/api/enrollment/eligibility.repository";

/**
 * The same facts found the naive way, for comparison only: a case-insensitive `contains` (ILIKE)
 * scan over the stored email fields, then an exact check of each listed address (a `contains`
 * alone would match `xap@…` for `ap@…`). The contract is still found by its key and bill-to
 * contracts by their index, so the only difference from EligibilityRepository is the email lookup.
 */
const NAIVE_FACTS = preparedStatement(
  "naive_eligibility_facts",
  `
  WITH candidates AS (
    SELECT 'CUSTOMER' AS source_type, id AS source_id, id AS customer_id, email FROM servicing_customer WHERE email ILIKE $3
    UNION ALL
    SELECT 'CONTACT', id, customer_id, email FROM servicing_contact WHERE email ILIKE $3
    UNION ALL
    SELECT 'LOCATION', id, customer_id, email FROM servicing_location WHERE email ILIKE $3
  ),
  matched AS (
    SELECT * FROM candidates
    WHERE EXISTS (SELECT 1 FROM regexp_split_to_table(email, '[,;]') AS a WHERE lower(btrim(a)) = $1)
  ),
  contract AS (
    SELECT customer_id, booked, billing_postal_code, billing_country FROM servicing_contract WHERE contract_key = $2
  )
  SELECT
    contract.customer_id AS contract_customer_id, contract.booked, contract.billing_postal_code, contract.billing_country,
    ARRAY(SELECT DISTINCT customer_id FROM matched WHERE source_type IN ('CUSTOMER', 'CONTACT')) AS owner_ids,
    ARRAY(
      SELECT DISTINCT c.customer_id FROM servicing_contract c
      WHERE c.bill_to_location_id IN (SELECT source_id FROM matched WHERE source_type = 'LOCATION')
    ) AS bill_to_owner_ids
  FROM (SELECT 1) AS one LEFT JOIN contract ON true`,
);

const likePattern = (email: string) => `%${email.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Prepared like ours, so the two differ only in how the email is found. */
export class NaiveEligibilityRepository {
  constructor(private readonly sql: PreparedSql) {}

  async findFacts(normalizedEmail: string, contractKey: string): Promise<EligibilityFacts> {
    const [row] = await this.sql.run<FactsRow>(NAIVE_FACTS, [
      normalizedEmail,
      contractKey,
      likePattern(normalizedEmail),
    ]);
    if (!row) throw new Error("naive facts query returned no row");
    return factsFromRow(row);
  }
}
