import { servicingFixture, createTestDatabase, importFixture } from "@portal/test-support";
import type { Database } from "../src/db/database";
import { ServicingImportError } from "../src/servicing/servicing-import.errors";

let db: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
});
afterAll(() => drop());

const counts = async () => ({
  customers: await db.prisma.servicingCustomer.count(),
  contacts: await db.prisma.servicingContact.count(),
  locations: await db.prisma.servicingLocation.count(),
  contracts: await db.prisma.servicingContract.count(),
  addresses: await db.prisma.servicingEmailAddress.count(),
});

const addressesOf = async (sourceId: string) =>
  (
    await db.prisma.servicingEmailAddress.findMany({
      where: { sourceId },
      orderBy: { address: "asc" },
    })
  ).map((r) => r.address);

test("a first import inserts everything and indexes each single address", async () => {
  const summary = await importFixture(db, servicingFixture);
  expect(summary.customers).toEqual({ inserted: 7, updated: 0, unchanged: 0, removed: 0 });
  expect(summary.contracts).toEqual({ inserted: 11, updated: 0, unchanged: 0, removed: 0 });
  expect(await addressesOf("C-US")).toEqual([
    "billing@us-customer.example",
    "owner@us-customer.example",
  ]);
  expect(await addressesOf("L-US")).toEqual([
    "ap@us-customer.example",
    "payables@us-customer.example",
  ]);
});

test("a second import of the same file finds it unchanged and never duplicates", async () => {
  const before = await counts();
  const summary = await importFixture(db, servicingFixture);
  expect(summary.customers).toEqual({ inserted: 0, updated: 0, unchanged: 7, removed: 0 });
  expect(await counts()).toEqual(before);
});

test("a changed email field replaces the indexed addresses of that record only", async () => {
  await importFixture(db, {
    customers: [{ customerId: "C-US", name: "US Customer", email: "new@us-customer.example" }],
  });
  expect(await addressesOf("C-US")).toEqual(["new@us-customer.example"]);
  expect(await addressesOf("L-US")).toEqual([
    "ap@us-customer.example",
    "payables@us-customer.example",
  ]);
});

test("a contract's status change is stored with its booked flag", async () => {
  const contract = servicingFixture.contracts.find((c) => c.contractId === "US-002")!;
  await importFixture(db, { contracts: [{ ...contract, status: "TERMINATED" }] });
  expect(await db.prisma.servicingContract.findUnique({ where: { id: "US-002" } })).toMatchObject({
    status: "TERMINATED",
    booked: false,
  });
});

test("a file with one bad reference is refused whole: nothing from it is written", async () => {
  const before = await counts();
  const file = {
    customers: [{ customerId: "C-NEW", name: "New", email: "new@new.example" }],
    contracts: [
      {
        contractId: "NEW-1",
        customerId: "C-MISSING",
        status: "BOOKED",
        billToLocationId: "L-MISSING",
        billingAddress: null,
      },
    ],
  };
  const error = await importFixture(db, file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServicingImportError);
  expect((error as ServicingImportError).problems).toEqual([
    'contracts[0] (contractId "NEW-1"): customerId: no customer "C-MISSING" in the file or the database',
    'contracts[0] (contractId "NEW-1"): billToLocationId: no location "L-MISSING" in the file or the database',
  ]);
  expect(await counts()).toEqual(before);
});

test("references may point at records imported earlier", async () => {
  await importFixture(db, {
    contacts: [
      {
        contactId: "K-9",
        customerId: "C-UK",
        firstName: null,
        lastName: null,
        email: "k9@uk.example",
      },
    ],
  });
  expect(await addressesOf("K-9")).toEqual(["k9@uk.example"]);
});

test("a contract id that collides, ignoring case, with a stored contract is refused", async () => {
  const contract = servicingFixture.contracts.find((c) => c.contractId === "UK-001")!;
  const error = await importFixture(db, {
    contracts: [{ ...contract, contractId: "uk-001 " }],
  }).catch((e: unknown) => e);
  expect((error as ServicingImportError).problems[0]).toMatch(/same as stored contract "UK-001"/);
});
