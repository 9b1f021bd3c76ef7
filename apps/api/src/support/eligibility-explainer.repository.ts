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
    billedCustomerIds: string[];
  }[];
}

/**
 * What the eligibility decision reads (enrollment/eligibility.repository.ts FACTS_STATEMENT), with
 * where each fact came from, for the support desk. The same semantics, to keep the same verdict:
 * the address equals one row of servicing_email_address; customer and contact rows prove their
 * customer_id; a location row proves the customers of the contracts, whatever their status, whose
 * bill_to_location_id is that location; the contract is found by its key and is booked by its
 * `booked` column (a closed contract is not booked, a removed one is not found).
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
                        'billedCustomerIds', ARRAY(
                          SELECT DISTINCT b.customer_id FROM servicing_contract b
                          WHERE e.source_type = 'LOCATION' AND b.bill_to_location_id = e.source_id
                          ORDER BY b.customer_id)
                      ) ORDER BY e.source_type, e.customer_id, e.source_id)
               FROM servicing_email_address e
               WHERE e.address = ${address}
             ), '[]'::json) AS email_records
      FROM (SELECT 1) AS probe
      LEFT JOIN servicing_contract c ON c.contract_key = ${key}`;
    if (row === undefined)
      throw new Error("eligibility explainer: the facts query returned no row");
    return { contract: contractOf(row), emailRecords: row.email_records.map(emailRecordOf) };
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

function emailRecordOf(record: ExplainerRow["email_records"][number]): EmailRecordFacts {
  const { source, sourceId, customerId, billedCustomerIds } = record;
  return source === "LOCATION"
    ? { source, sourceId, customerId, billedCustomerIds }
    : { source, sourceId, customerId };
}
