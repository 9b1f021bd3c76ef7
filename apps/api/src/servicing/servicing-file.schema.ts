import { z } from "zod";

/**
 * The servicing export accepted by `pnpm servicing:import` (docs/servicing-import.md).
 * Ids may be strings or integers (kept as strings); unknown extra fields are ignored.
 */
const id = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v).trim())
  .pipe(z.string().min(1, "must not be empty").max(100, "must be at most 100 characters"));

/** An entry of a delta file's `removed` lists: the id of a record to remove. */
export const removedId = id;

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((v) => v ?? null);

const email = optionalText(2000);

export const customerRecord = z.object({
  customerId: id,
  name: z.string().trim().min(1, "must not be empty").max(300),
  email,
});

export const contactRecord = z.object({
  contactId: id,
  customerId: id,
  firstName: optionalText(200),
  lastName: optionalText(200),
  email,
});

export const locationRecord = z.object({
  locationId: id,
  customerId: id,
  email,
});

export const billingAddress = z.object({
  line1: optionalText(300),
  city: optionalText(200),
  region: optionalText(100),
  postalCode: optionalText(40),
  country: optionalText(100),
});

export const contractRecord = z.object({
  contractId: id,
  customerId: id,
  status: z.string().trim().min(1, "must not be empty").max(50),
  billToLocationId: id.nullish().transform((v) => v ?? null),
  billingAddress: billingAddress.nullish().transform((v) => v ?? null),
});

export type CustomerRecord = z.infer<typeof customerRecord>;
export type ContactRecord = z.infer<typeof contactRecord>;
export type LocationRecord = z.infer<typeof locationRecord>;
export type ContractRecord = z.infer<typeof contractRecord>;

export interface ServicingExport {
  customers: CustomerRecord[];
  contacts: ContactRecord[];
  locations: LocationRecord[];
  contracts: ContractRecord[];
}

export const ENTITIES = [
  { key: "customers", idField: "customerId", record: customerRecord },
  { key: "contacts", idField: "contactId", record: contactRecord },
  { key: "locations", idField: "locationId", record: locationRecord },
  { key: "contracts", idField: "contractId", record: contractRecord },
] as const;

export type EntityKey = (typeof ENTITIES)[number]["key"];
