import { writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Servicing data for the drill, in the import file format (docs/servicing-import.md): the records of
 * tools/test-support/src/fixtures/servicing.ts plus PEOPLE contacts of C-US, each able to enroll with US-001.
 * Enough people that the SIGTERM phase is still enrolling new ones when the slow relay has taken 10
 * mails (a few hundred enrollments take well under a second).
 */
export const PEOPLE = 4000;

export const STRONG_PASSWORD = "violet anchor tundra 42 kettle";

const address = (postalCode: string, country: string) => ({
  line1: "1 Main St",
  city: "Town",
  region: null,
  postalCode,
  country,
});

const servicingExport = {
  customers: [
    {
      customerId: "C-US",
      name: "US Customer",
      email: "Owner@US-Customer.example; billing@us-customer.example",
    },
    { customerId: "C-CA", name: "Canadian Customer", email: "compta@ca-customer.example" },
    { customerId: "C-UK", name: "UK Customer", email: "ops@uk-customer.example" },
  ],
  contacts: [
    {
      contactId: "K-1",
      customerId: "C-US",
      firstName: "Pat",
      lastName: "Contact",
      email: "pat@contact.example",
    },
    ...Array.from({ length: PEOPLE }, (_, i) => ({
      contactId: `K-LOAD-${i}`,
      customerId: "C-US",
      firstName: "Load",
      lastName: `Person ${i}`,
      email: `person-${i}@load.example`,
    })),
  ],
  locations: [
    {
      locationId: "L-US",
      customerId: "C-US",
      email: "payables@us-customer.example ; ap@us-customer.example",
    },
  ],
  contracts: [
    {
      contractId: "US-001",
      customerId: "C-US",
      status: "BOOKED",
      billToLocationId: "L-US",
      billingAddress: address("94607-3410", "US"),
    },
    {
      contractId: "US-002",
      customerId: "C-US",
      status: "booked",
      billToLocationId: null,
      billingAddress: address("10001", "United States"),
    },
    {
      contractId: "US-003",
      customerId: "C-US",
      status: "BOOKED",
      billToLocationId: null,
      billingAddress: address("60601", "usa"),
    },
    {
      contractId: "CA-001",
      customerId: "C-CA",
      status: "BOOKED",
      billToLocationId: null,
      billingAddress: address("k1a 0b1", "Canada"),
    },
    {
      contractId: "UK-001",
      customerId: "C-UK",
      status: "BOOKED",
      billToLocationId: null,
      billingAddress: address("SW1A 1AA", "United Kingdom"),
    },
  ],
};

export interface EnrollInput {
  firstName: string;
  lastName: string;
  email: string;
  billingPostalCode: string;
  contractId: string;
}

/** Load person `i`: eligible through contract US-001 (names are not matched, and may hold no digits). */
export const person = (i: number): EnrollInput => ({
  firstName: "Load",
  lastName: "Person",
  email: `person-${i}@load.example`,
  billingPostalCode: "94607",
  contractId: "US-001",
});

/** People who become active accounts when a phase needs one (each through its own contract). */
export const ACCOUNTS = {
  canada: {
    firstName: "Camille",
    lastName: "Comptable",
    email: "compta@ca-customer.example",
    billingPostalCode: "K1A 0B1",
    contractId: "CA-001",
  },
  uk: {
    firstName: "Olive",
    lastName: "Ops",
    email: "ops@uk-customer.example",
    billingPostalCode: "SW1A 1AA",
    contractId: "UK-001",
  },
} satisfies Record<string, EnrollInput>;

/** Writes the import file into `dir` and returns its path. */
export function writeServicingFile(dir: string): string {
  const file = path.join(dir, "servicing-drill.json");
  writeFileSync(file, JSON.stringify(servicingExport));
  return file;
}
