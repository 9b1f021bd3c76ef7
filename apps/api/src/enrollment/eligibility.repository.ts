import type { ContractFacts, EmailOwnerFacts } from "@portal/matching";
import { type PreparedSql, preparedStatement } from "../db/prepared";

export interface EligibilityFacts {
  contract: ContractFacts | null;
  owners: EmailOwnerFacts;
}

/** One row of the facts query (the naive comparison in bench/ returns the same shape). */
export interface FactsRow {
  contract_customer_id: string | null;
  booked: boolean | null;
  billing_postal_code: string | null;
  billing_country: string | null;
  owner_ids: string[];
  bill_to_owner_ids: string[];
}

/**
 * Everything the decision needs, in one round trip of index probes whatever the size of the data:
 * the email's rows in servicing_email_address (by address), the contract (by its unique key), and
 * the customers whose contracts bill to a matched location (by bill_to_location_id).
 * No `LIKE`/`contains` over stored email fields, ever.
 */
export const FACTS_STATEMENT = preparedStatement("eligibility_facts", `
  WITH matched AS (
    SELECT source_type, source_id, customer_id FROM servicing_email_address WHERE address = $1
  ),
  contract AS (
    SELECT customer_id, booked, billing_postal_code, billing_country
    FROM servicing_contract WHERE contract_key = $2
  )
  SELECT
    contract.customer_id AS contract_customer_id,
    contract.booked,
    contract.billing_postal_code,
    contract.billing_country,
    ARRAY(SELECT DISTINCT customer_id FROM matched WHERE source_type IN ('CUSTOMER', 'CONTACT')) AS owner_ids,
    ARRAY(
      SELECT DISTINCT c.customer_id FROM servicing_contract c
      WHERE c.bill_to_location_id IN (SELECT source_id FROM matched WHERE source_type = 'LOCATION')
    ) AS bill_to_owner_ids
  FROM (SELECT 1) AS one LEFT JOIN contract ON true`);

/** The decision's facts from a FactsRow. */
export function factsFromRow(row: FactsRow): EligibilityFacts {
  return {
    contract:
      row.contract_customer_id === null
        ? null
        : {
            customerId: row.contract_customer_id,
            booked: row.booked === true,
            postalCode: row.billing_postal_code,
            country: row.billing_country,
          },
    owners: { customerIds: row.owner_ids, billToCustomerIds: row.bill_to_owner_ids },
  };
}

export class EligibilityRepository {
  constructor(private readonly sql: PreparedSql) {}

  async findFacts(normalizedEmail: string, contractKey: string): Promise<EligibilityFacts> {
    const [row] = await this.sql.run<FactsRow>(FACTS_STATEMENT, [normalizedEmail, contractKey]);
    if (!row) throw new Error("eligibility facts query returned no row");
    return factsFromRow(row);
  }
}
