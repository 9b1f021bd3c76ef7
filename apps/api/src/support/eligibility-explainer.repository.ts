import {
  type ContractRecordFacts,
  type EmailRecordFacts,
  type EmailSource,
  type ExplanationFacts,
  STORED_LENGTH,
} from "@portal/matching";
import { storableText } from "../db/storable-text";
import type { PrismaClient } from "../generated/prisma/client";

interface ExplainerRow {
  contract_id: string | null;
  contract_key: string | null;
  contract_customer_id: string | null;
  status: string | null;
  booked: boolean | null;
  closed_at: Date | null;
  billing_postal_code: string | null;
  billing_country: string | null;
  email_records: {
    source: EmailSource;
    sourceId: string;
    customerId: string;
    provedCustomerIds: string[];
  }[];
}

/**
 * What the eligibility decision reads (enrollment/eligibility.repository.ts FACTS_STATEMENT), with
 * where each fact came from, for the support desk. The same verdict because the same rule: each
 * stored record that lists the address (servicing_email_address) proves the customers the
 * servicing_email_on_file view says it proves, the view the decision and the grant re-check read
 * too; the contract is found by its key and is booked by its `booked` column (a closed contract is
 * not booked, a removed one is not found).
 *
 * Ordinary Prisma raw SQL, not a prepared statement: staff ask one question at a time. One
 * statement, so that the contract and the addresses are read from the same snapshot even while an
 * import commits.
 */
export class EligibilityExplainerRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findFacts(normalizedEmail: string, contractKey: string): Promise<ExplanationFacts> {
    const address = storableText(normalizedEmail, STORED_LENGTH.email);
    const key = storableText(contractKey, STORED_LENGTH.contractId);
    const [row] = await this.prisma.$queryRaw<ExplainerRow[]>`
      SELECT c.id AS contract_id, c.contract_key, c.customer_id AS contract_customer_id, c.status,
             c.booked, c.closed_at, c.billing_postal_code, c.billing_country,
             COALESCE((
               SELECT json_agg(json_build_object(
                        'source', e.source_type,
                        'sourceId', e.source_id,
                        'customerId', e.customer_id,
                        'provedCustomerIds', ARRAY(
                          SELECT DISTINCT o.customer_id FROM servicing_email_on_file o
                          WHERE o.address = e.address AND o.source_type = e.source_type
                            AND o.source_id = e.source_id
                          ORDER BY o.customer_id)
                      ) ORDER BY e.source_type, e.customer_id, e.source_id)
               FROM servicing_email_address e
               WHERE e.address = ${address}
             ), '[]'::json) AS email_records
      FROM (SELECT 1) AS probe
      LEFT JOIN servicing_contract c ON c.contract_key = ${key}`;
    if (row === undefined)
      throw new Error("eligibility explainer: the facts query returned no row");
    return { contract: contractOf(row), emailRecords: row.email_records.flatMap(emailRecordsOf) };
  }
}

function contractOf(row: ExplainerRow): ContractRecordFacts | null {
  if (row.contract_id === null || row.contract_key === null || row.contract_customer_id === null)
    return null;
  return {
    id: row.contract_id,
    key: row.contract_key,
    customerId: row.contract_customer_id,
    status: row.status ?? "",
    booked: row.booked === true,
    closedAt: row.closed_at,
    billingPostalCode: row.billing_postal_code,
    billingCountry: row.billing_country,
  };
}

/**
 * A location is shown even when it proves nobody (no contract bills to it); a customer's or a
 * contact's record stands for the customers the view says it proves, and for nobody else.
 */
function emailRecordsOf(record: ExplainerRow["email_records"][number]): EmailRecordFacts[] {
  const { source, sourceId, customerId, provedCustomerIds } = record;
  return source === "LOCATION"
    ? [{ source, sourceId, customerId, billedCustomerIds: provedCustomerIds }]
    : provedCustomerIds.map((proved) => ({ source, sourceId, customerId: proved }));
}
