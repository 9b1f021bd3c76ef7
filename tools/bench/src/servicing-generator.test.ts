import { normalizeContractId } from "@portal/matching";
import {
  customerRecord,
  contactRecord,
  contractRecord,
  locationRecord,
} from "@portal/api/servicing/servicing-file.schema";
import { generateCustomer, generateCustomers } from "./servicing-generator";

const sample = (seed: number, count: number) => [...generateCustomers(seed, count)];

test("the same seed gives the same customers, another seed other ones", () => {
  expect(sample(42, 300)).toEqual(sample(42, 300));
  expect(JSON.stringify(sample(43, 300))).not.toEqual(JSON.stringify(sample(42, 300)));
});

test("customer i does not depend on how many are generated, so a bigger file starts with the smaller one", () => {
  expect(generateCustomer(42, 150)).toEqual(sample(42, 1000)[150]);
});

test("every generated record is valid for the import", () => {
  for (const g of sample(7, 500)) {
    expect(customerRecord.safeParse(g.customer).success).toBe(true);
    for (const c of g.contacts) expect(contactRecord.safeParse(c).success).toBe(true);
    for (const l of g.locations) expect(locationRecord.safeParse(l).success).toBe(true);
    for (const c of g.contracts) expect(contractRecord.safeParse(c).success).toBe(true);
  }
});

test("customers have 1 to 5 contracts, unique ids and contract keys, and bill-to locations of their own", () => {
  const all = sample(42, 2000);
  const keys = new Set<string>();
  for (const g of all) {
    expect(g.contracts.length).toBeGreaterThanOrEqual(1);
    expect(g.contracts.length).toBeLessThanOrEqual(5);
    const own = new Set(g.locations.map((l) => l.locationId));
    for (const c of g.contracts) {
      keys.add(normalizeContractId(c.contractId));
      if (c.billToLocationId !== null) expect(own.has(c.billToLocationId)).toBe(true);
    }
  }
  expect(keys.size).toBe(all.reduce((n, g) => n + g.contracts.length, 0));
  expect(new Set(all.flatMap((g) => g.contacts.map((c) => c.contactId))).size).toBe(
    all.reduce((n, g) => n + g.contacts.length, 0),
  );
});

test("the data is mixed as real exports are: statuses, countries, email lists, missing values", () => {
  const all = sample(42, 2000);
  const contracts = all.flatMap((g) => g.contracts);
  const statuses = new Set(contracts.map((c) => c.status));
  expect([...statuses]).toEqual(
    expect.arrayContaining(["BOOKED", "Booked", "TERMINATED", "PAID_OFF", "PENDING", "CANCELLED"]),
  );
  const countries = new Set(contracts.map((c) => c.billingAddress?.country));
  expect([...countries]).toEqual(
    expect.arrayContaining(["US", "United States", "CA", "Canada", "GB", "Germany"]),
  );
  expect(contracts.some((c) => c.billingAddress === null)).toBe(true);
  expect(
    contracts.some((c) => c.billingAddress !== null && c.billingAddress.postalCode === null),
  ).toBe(true);
  const emails = all.map((g) => g.customer.email);
  expect(emails.some((e) => e !== null && /[,;]/.test(e))).toBe(true);
  expect(emails).toContain(null);
  expect(all.some((g) => g.contracts.some((c) => c.billToLocationId !== null))).toBe(true);
  // One address, several customers: the bookkeeper of a group of three.
  expect(
    emails.filter((e) => e?.toLowerCase().includes("office@bookkeeper-1.example")).length,
  ).toBe(3);
});
