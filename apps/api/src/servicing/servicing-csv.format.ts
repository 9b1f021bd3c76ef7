import type { ContractRecord } from "./servicing-file.schema";

/**
 * The CSV form of a servicing export: one file per entity (`customers.csv`, …) with a header row.
 * Columns are the JSON fields, with the billing address flattened; an empty cell is null.
 */
export const CSV_COLUMNS = {
  customers: ["customerId", "name", "email"],
  contacts: ["contactId", "customerId", "firstName", "lastName", "email"],
  locations: ["locationId", "customerId", "email"],
  contracts: [
    "contractId",
    "customerId",
    "status",
    "billToLocationId",
    "billingLine1",
    "billingCity",
    "billingRegion",
    "billingPostalCode",
    "billingCountry",
  ],
} as const;

export type CsvEntity = keyof typeof CSV_COLUMNS;

const ADDRESS_FIELDS = ["line1", "city", "region", "postalCode", "country"] as const;
const addressColumn = (field: string) => `billing${field[0]!.toUpperCase()}${field.slice(1)}`;

/** A parsed CSV row (header → cell) in the shape the JSON records have. */
export function csvRowToRecord(
  entity: CsvEntity,
  row: Record<string, string>,
): Record<string, unknown> {
  const cell = (column: string) => {
    const value = row[column];
    return value === undefined || value === "" ? null : value;
  };
  const record: Record<string, unknown> = {};
  for (const column of CSV_COLUMNS[entity]) {
    if (!column.startsWith("billing")) record[column] = cell(column);
  }
  if (entity === "contracts") {
    const address = Object.fromEntries(
      ADDRESS_FIELDS.map((field) => [field, cell(addressColumn(field))]),
    );
    record.billingAddress = Object.values(address).every((v) => v === null) ? null : address;
  }
  return record;
}

/** The CSV column a validation issue path points at (`billingAddress.postalCode` → `billingPostalCode`). */
export function csvColumnOf(path: readonly PropertyKey[]): string {
  if (path[0] === "billingAddress" && typeof path[1] === "string") return addressColumn(path[1]);
  return path.map(String).join(".");
}

/** A record as CSV cells, in CSV_COLUMNS order (null → empty cell). */
export function recordToCsvRow(
  entity: CsvEntity,
  record: Record<string, unknown>,
): (string | null)[] {
  const address =
    entity === "contracts" ? ((record as ContractRecord).billingAddress ?? null) : null;
  return CSV_COLUMNS[entity].map((column) => {
    if (column.startsWith("billing")) {
      const field = column.slice("billing".length);
      const key = `${field[0]!.toLowerCase()}${field.slice(1)}` as (typeof ADDRESS_FIELDS)[number];
      return address?.[key] ?? null;
    }
    return (record[column] as string | null | undefined) ?? null;
  });
}
