import { isBookedStatus, normalizeContractId } from "@portal/matching";
import type { PrismaClient } from "../generated/prisma/client";
import { type EmailIndexRow, emailIndexRows } from "./email-index";
import type { ServicingExport } from "./servicing-file.schema";
import { ServicingImportError } from "./servicing-import.errors";
import { checkReferences } from "./servicing-references";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export interface EntityCounts {
  inserted: number;
  updated: number;
}

export interface ImportSummary {
  customers: EntityCounts;
  contacts: EntityCounts;
  locations: EntityCounts;
  contracts: EntityCounts;
  emailAddresses: number;
}

const CHUNK = 1000;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** `xmax = 0` is true for a row this statement inserted and false for one it updated. */
async function countUpserts(tx: Tx, sql: string, columns: unknown[][]): Promise<EntityCounts> {
  const rows = await tx.$queryRawUnsafe<{ inserted: boolean }[]>(sql, ...columns);
  const inserted = rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.length - inserted };
}

async function upsertAll<T>(tx: Tx, records: T[], sql: string, toColumns: (batch: T[]) => unknown[][]) {
  const total: EntityCounts = { inserted: 0, updated: 0 };
  for (const batch of chunks(records)) {
    const counts = await countUpserts(tx, sql, toColumns(batch));
    total.inserted += counts.inserted;
    total.updated += counts.updated;
  }
  return total;
}

const UPSERT_CUSTOMERS = `
  INSERT INTO servicing_customer (id, name, email, updated_at)
  SELECT * , now() FROM unnest($1::text[], $2::text[], $3::text[])
  ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, updated_at = now()
  RETURNING (xmax = 0) AS inserted`;

const UPSERT_CONTACTS = `
  INSERT INTO servicing_contact (id, customer_id, first_name, last_name, email, updated_at)
  SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
  ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, first_name = EXCLUDED.first_name,
    last_name = EXCLUDED.last_name, email = EXCLUDED.email, updated_at = now()
  RETURNING (xmax = 0) AS inserted`;

const UPSERT_LOCATIONS = `
  INSERT INTO servicing_location (id, customer_id, email, updated_at)
  SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[])
  ON CONFLICT (id) DO UPDATE SET customer_id = EXCLUDED.customer_id, email = EXCLUDED.email, updated_at = now()
  RETURNING (xmax = 0) AS inserted`;

const UPSERT_CONTRACTS = `
  INSERT INTO servicing_contract (id, contract_key, customer_id, status, booked, bill_to_location_id,
    billing_line1, billing_city, billing_region, billing_postal_code, billing_country, updated_at)
  SELECT *, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[],
    $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
  ON CONFLICT (id) DO UPDATE SET contract_key = EXCLUDED.contract_key, customer_id = EXCLUDED.customer_id,
    status = EXCLUDED.status, booked = EXCLUDED.booked, bill_to_location_id = EXCLUDED.bill_to_location_id,
    billing_line1 = EXCLUDED.billing_line1, billing_city = EXCLUDED.billing_city,
    billing_region = EXCLUDED.billing_region, billing_postal_code = EXCLUDED.billing_postal_code,
    billing_country = EXCLUDED.billing_country, updated_at = now()
  RETURNING (xmax = 0) AS inserted`;

async function replaceEmailRows(tx: Tx, sourceType: string, sourceIds: string[], rows: EmailIndexRow[]) {
  for (const ids of chunks(sourceIds)) {
    await tx.$executeRawUnsafe(
      `DELETE FROM servicing_email_address WHERE source_type = $1::email_source AND source_id = ANY($2::text[])`,
      sourceType,
      ids,
    );
  }
  for (const batch of chunks(rows)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO servicing_email_address (address, source_type, source_id, customer_id)
       SELECT a, t::email_source, s, c FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(a, t, s, c)
       ON CONFLICT DO NOTHING`,
      batch.map((r) => r.address),
      batch.map((r) => r.sourceType),
      batch.map((r) => r.sourceId),
      batch.map((r) => r.customerId),
    );
  }
}

/**
 * Upserts a validated servicing export by id in one transaction and keeps the derived email
 * address index in step. Either everything in the file is written or nothing is.
 */
export async function importServicingExport(prisma: PrismaClient, data: ServicingExport): Promise<ImportSummary> {
  return prisma.$transaction(
    async (tx) => {
      const problems = await checkReferences(tx, data);
      if (problems.length > 0) throw new ServicingImportError(problems);

      const customers = await upsertAll(tx, data.customers, UPSERT_CUSTOMERS, (b) => [
        b.map((c) => c.customerId),
        b.map((c) => c.name),
        b.map((c) => c.email),
      ]);
      const contacts = await upsertAll(tx, data.contacts, UPSERT_CONTACTS, (b) => [
        b.map((c) => c.contactId),
        b.map((c) => c.customerId),
        b.map((c) => c.firstName),
        b.map((c) => c.lastName),
        b.map((c) => c.email),
      ]);
      const locations = await upsertAll(tx, data.locations, UPSERT_LOCATIONS, (b) => [
        b.map((l) => l.locationId),
        b.map((l) => l.customerId),
        b.map((l) => l.email),
      ]);
      const contracts = await upsertAll(tx, data.contracts, UPSERT_CONTRACTS, (b) => [
        b.map((c) => c.contractId),
        b.map((c) => normalizeContractId(c.contractId)),
        b.map((c) => c.customerId),
        b.map((c) => c.status),
        b.map((c) => isBookedStatus(c.status)),
        b.map((c) => c.billToLocationId),
        b.map((c) => c.billingAddress?.line1 ?? null),
        b.map((c) => c.billingAddress?.city ?? null),
        b.map((c) => c.billingAddress?.region ?? null),
        b.map((c) => c.billingAddress?.postalCode ?? null),
        b.map((c) => c.billingAddress?.country ?? null),
      ]);

      const customerRows = data.customers.flatMap((c) => emailIndexRows("CUSTOMER", c.customerId, c.customerId, c.email));
      const contactRows = data.contacts.flatMap((c) => emailIndexRows("CONTACT", c.contactId, c.customerId, c.email));
      const locationRows = data.locations.flatMap((l) => emailIndexRows("LOCATION", l.locationId, l.customerId, l.email));
      await replaceEmailRows(tx, "CUSTOMER", data.customers.map((c) => c.customerId), customerRows);
      await replaceEmailRows(tx, "CONTACT", data.contacts.map((c) => c.contactId), contactRows);
      await replaceEmailRows(tx, "LOCATION", data.locations.map((l) => l.locationId), locationRows);

      return {
        customers,
        contacts,
        locations,
        contracts,
        emailAddresses: customerRows.length + contactRows.length + locationRows.length,
      };
    },
    { timeout: 30 * 60_000, maxWait: 60_000 },
  );
}
