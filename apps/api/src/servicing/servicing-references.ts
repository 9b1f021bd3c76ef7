import { normalizeContractId } from "@portal/matching";
import type { PrismaClient } from "../generated/prisma/client";
import type { ServicingExport } from "./servicing-file.schema";

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

async function existingIds(tx: Tx, table: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM ${table} WHERE id = ANY($1::text[])`, ids);
  return new Set(rows.map((r) => r.id));
}

/**
 * References that point outside the file must exist in the database already, and a contract id
 * must not collide (ignoring case and spaces) with another contract stored under a different id.
 */
export async function checkReferences(tx: Tx, data: ServicingExport): Promise<string[]> {
  const problems: string[] = [];
  const fileCustomers = new Set(data.customers.map((c) => c.customerId));
  const fileLocations = new Set(data.locations.map((l) => l.locationId));

  const referenced = [
    ...data.contacts.map((r, i) => ({ where: `contacts[${i}] (contactId ${JSON.stringify(r.contactId)})`, id: r.customerId })),
    ...data.locations.map((r, i) => ({ where: `locations[${i}] (locationId ${JSON.stringify(r.locationId)})`, id: r.customerId })),
    ...data.contracts.map((r, i) => ({ where: `contracts[${i}] (contractId ${JSON.stringify(r.contractId)})`, id: r.customerId })),
  ];
  const outsideCustomers = [...new Set(referenced.map((r) => r.id).filter((id) => !fileCustomers.has(id)))];
  const knownCustomers = await existingIds(tx, "servicing_customer", outsideCustomers);
  for (const ref of referenced) {
    if (!fileCustomers.has(ref.id) && !knownCustomers.has(ref.id)) {
      problems.push(`${ref.where}: customerId: no customer ${JSON.stringify(ref.id)} in the file or the database`);
    }
  }

  const billTo = data.contracts.flatMap((r, i) =>
    r.billToLocationId === null ? [] : [{ where: `contracts[${i}] (contractId ${JSON.stringify(r.contractId)})`, id: r.billToLocationId }],
  );
  const outsideLocations = [...new Set(billTo.map((r) => r.id).filter((id) => !fileLocations.has(id)))];
  const knownLocations = await existingIds(tx, "servicing_location", outsideLocations);
  for (const ref of billTo) {
    if (!fileLocations.has(ref.id) && !knownLocations.has(ref.id)) {
      problems.push(`${ref.where}: billToLocationId: no location ${JSON.stringify(ref.id)} in the file or the database`);
    }
  }

  if (data.contracts.length > 0) {
    const collisions = await tx.$queryRawUnsafe<{ id: string; key: string; other: string }[]>(
      `SELECT f.id, f.key, c.id AS other FROM unnest($1::text[], $2::text[]) AS f(id, key)
       JOIN servicing_contract c ON c.contract_key = f.key AND c.id <> f.id`,
      data.contracts.map((c) => c.contractId),
      data.contracts.map((c) => normalizeContractId(c.contractId)),
    );
    for (const row of collisions) {
      problems.push(
        `contracts (contractId ${JSON.stringify(row.id)}): contractId: same as stored contract ${JSON.stringify(row.other)} ignoring case and spaces`,
      );
    }
  }
  return problems;
}
