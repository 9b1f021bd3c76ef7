import type { ContractFacts, EmailOwnerFacts } from "@portal/matching";
import { batched } from "../db/batched";
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
 * Everything the decision needs, by index probes only, whatever the size of the data: the entered
 * address in servicing_email_address (by address), the contract (by its unique key), and the
 * customers whose contracts bill to a matched location (by bill_to_location_id). No
 * `LIKE`/`contains` over stored email fields, ever. Takes many (address, contract) pairs at once
 * and answers one row per pair, in order (see `batched`).
 */
export const FACTS_STATEMENT = preparedStatement(
  "eligibility_facts",
  `SELECT
     q.ord,
     c.customer_id AS contract_customer_id,
     c.booked,
     c.billing_postal_code,
     c.billing_country,
     ARRAY(
       SELECT DISTINCT e.customer_id FROM servicing_email_address e
       WHERE e.address = q.address AND e.source_type IN ('CUSTOMER', 'CONTACT')
     ) AS owner_ids,
     ARRAY(
       SELECT DISTINCT b.customer_id FROM servicing_contract b
       WHERE b.bill_to_location_id IN (
         SELECT e.source_id FROM servicing_email_address e WHERE e.address = q.address AND e.source_type = 'LOCATION'
       )
     ) AS bill_to_owner_ids
   FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(address, contract_key, ord)
   LEFT JOIN servicing_contract c ON c.contract_key = q.contract_key
   ORDER BY q.ord`,
  { readOnly: true },
);

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
  private readonly load: (probe: {
    email: string;
    contractKey: string;
  }) => Promise<EligibilityFacts>;

  constructor(sql: PreparedSql) {
    this.load = batched(async (probes) => {
      const rows = await sql.run<FactsRow>(FACTS_STATEMENT, [
        probes.map((p) => p.email),
        probes.map((p) => p.contractKey),
      ]);
      if (rows.length !== probes.length)
        throw new Error(`eligibility facts: ${rows.length} rows for ${probes.length} probes`);
      return rows.map(factsFromRow);
    });
  }

  findFacts(normalizedEmail: string, contractKey: string): Promise<EligibilityFacts> {
    return this.load({ email: normalizedEmail, contractKey });
  }
}
