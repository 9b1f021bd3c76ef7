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
 * Everything the decision needs, by index probes only, whatever the size of the data: the customers
 * the entered address proves, from the one definition of that rule (the servicing_email_on_file
 * view: by address in servicing_email_address, and for a location by bill_to_location_id in
 * servicing_contract), and the contract (by its unique key). No `LIKE`/`contains` over stored
 * email fields, ever. Takes many (address, contract) pairs at once and answers one row per pair, in
 * order (see `batched`).
 */
export const FACTS_STATEMENT = preparedStatement(
  "eligibility_facts",
  `SELECT
     q.ord,
     c.customer_id AS contract_customer_id,
     c.booked,
     c.billing_postal_code,
     c.billing_country,
     COALESCE(owners.owner_ids, '{}') AS owner_ids,
     COALESCE(owners.bill_to_owner_ids, '{}') AS bill_to_owner_ids
   FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS q(address, contract_key, ord)
   LEFT JOIN servicing_contract c ON c.contract_key = q.contract_key
   CROSS JOIN LATERAL (
     SELECT array_agg(DISTINCT o.customer_id) FILTER (WHERE o.source_type <> 'LOCATION') AS owner_ids,
            array_agg(DISTINCT o.customer_id) FILTER (WHERE o.source_type = 'LOCATION') AS bill_to_owner_ids
     FROM servicing_email_on_file o WHERE o.address = q.address
   ) owners
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
