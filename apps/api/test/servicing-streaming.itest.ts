import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { splitEmailList } from "@portal/matching";
import type { Database } from "../src/db/database";
import { csvFilesOf, csvFilesSource } from "../src/servicing/servicing-csv.source";
import { writeCsvExport, writeJsonExport } from "../../../tools/bench/src/servicing-export.writer";
import { generateCustomers } from "../../../tools/bench/src/servicing-generator";
import { ServicingImportError } from "../src/servicing/servicing-import.errors";
import { importServicingSource } from "../src/servicing/servicing-import.service";
import { jsonFileSource } from "../src/servicing/servicing-json.source";
import { createTestDatabase } from "@portal/test-support";

const SEED = 42;
const CUSTOMERS = 200;
const tmp = mkdtempSync(path.join(os.tmpdir(), "streaming-import-"));
const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
const csvHashes = (dir: string) =>
  ["customers", "contacts", "locations", "contracts"].map((e) => sha(path.join(dir, `${e}.csv`)));

/** What the generator says the database must hold after importing its export. */
function expectedRows() {
  let addresses = 0;
  const counts = { customers: 0, contacts: 0, locations: 0, contracts: 0 };
  for (const g of generateCustomers(SEED, CUSTOMERS)) {
    counts.customers++;
    counts.contacts += g.contacts.length;
    counts.locations += g.locations.length;
    counts.contracts += g.contracts.length;
    addresses += splitEmailList(g.customer.email).length;
    for (const r of [...g.contacts, ...g.locations]) addresses += splitEmailList(r.email).length;
  }
  return { ...counts, addresses };
}

let db: Database;
let drop: () => Promise<void>;
const jsonFile = path.join(tmp, "export.json");
const csvDir = path.join(tmp, "csv");

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  await writeJsonExport(jsonFile, { seed: SEED, customers: CUSTOMERS });
  await writeCsvExport(csvDir, { seed: SEED, customers: CUSTOMERS });
});
afterAll(async () => {
  await drop();
  rmSync(tmp, { recursive: true, force: true });
});

const stored = async () => {
  const [row] = await db.prisma.$queryRawUnsafe<Record<string, number>[]>(`SELECT
    (SELECT count(*)::int FROM servicing_customer) AS customers, (SELECT count(*)::int FROM servicing_contact) AS contacts,
    (SELECT count(*)::int FROM servicing_location) AS locations, (SELECT count(*)::int FROM servicing_contract) AS contracts,
    (SELECT count(*)::int FROM servicing_email_address) AS addresses`);
  return row;
};

test("the generator writes the same JSON and CSV bytes for the same seed, and other bytes for another", async () => {
  const again = path.join(tmp, "again.json");
  const counts = await writeJsonExport(again, { seed: SEED, customers: CUSTOMERS });
  expect(sha(again)).toBe(sha(jsonFile));
  await writeCsvExport(path.join(tmp, "csv-again"), { seed: SEED, customers: CUSTOMERS });
  expect(csvHashes(path.join(tmp, "csv-again"))).toEqual(csvHashes(csvDir));
  await writeJsonExport(again, { seed: SEED + 1, customers: CUSTOMERS });
  expect(sha(again)).not.toBe(sha(jsonFile));
  const { addresses: _addresses, ...expectedCounts } = expectedRows();
  expect(counts).toEqual(expectedCounts);
});

test("the streaming JSON import stores exactly the generated rows and their addresses", async () => {
  const summary = await importServicingSource(db, jsonFileSource(jsonFile));
  const expected = expectedRows();
  expect(await stored()).toEqual(expected);
  expect(summary.customers).toMatchObject({ inserted: CUSTOMERS, updated: 0 });
  expect(summary.contracts).toMatchObject({ inserted: expected.contracts, updated: 0 });
  expect(summary.emailAddresses).toBe(expected.addresses);
});

test("the CSV export of the same data leaves the same rows, writing only what CSV cannot say alike", async () => {
  const summary = await importServicingSource(db, csvFilesSource(csvFilesOf([csvDir]), "csv"));
  const expected = expectedRows();
  // An empty email field ("" in JSON) is an empty cell in CSV, read as null: those records are
  // written (both index nothing); every other record is found unchanged.
  const json = JSON.parse(readFileSync(jsonFile, "utf8")) as Record<
    string,
    { email?: string | null }[]
  >;
  const emptyEmails = (entity: string) => json[entity]!.filter((r) => r.email === "").length;
  expect(emptyEmails("customers")).toBeGreaterThan(0);
  expect(summary.customers).toEqual({
    inserted: 0,
    updated: emptyEmails("customers"),
    unchanged: CUSTOMERS - emptyEmails("customers"),
    removed: 0,
  });
  expect(summary.contacts).toMatchObject({ inserted: 0, updated: emptyEmails("contacts") });
  expect(summary.contracts).toEqual({
    inserted: 0,
    updated: 0,
    unchanged: expected.contracts,
    removed: 0,
  });
  expect(await stored()).toEqual(expected);
});

test("a JSON file with one bad record deep inside is refused, naming record and field, and imports nothing", async () => {
  const before = await stored();
  const text = readFileSync(jsonFile, "utf8").replace(
    '"customerId":"CUST-0000150","name":',
    '"customerId":"CUST-0000150","name":"","was":',
  );
  const bad = path.join(tmp, "bad.json");
  writeFileSync(bad, text.replace(/"customerId":"CUST-0000199"/, '"customerId":"CUST-NEW-1"'));
  const error = await importServicingSource(db, jsonFileSource(bad)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ServicingImportError);
  expect((error as ServicingImportError).problems).toEqual([
    'customers[149] (customerId "CUST-0000150"): name: must not be empty',
  ]);
  expect(await stored()).toEqual(before);
  expect(await db.prisma.servicingCustomer.count({ where: { id: "CUST-NEW-1" } })).toBe(0);
});

test("a CSV folder with a bad cell is refused with the file, line and column, and imports nothing", async () => {
  const before = await stored();
  const bad = path.join(tmp, "bad-csv");
  await writeCsvExport(bad, { seed: SEED, customers: CUSTOMERS });
  const contracts = readFileSync(path.join(bad, "contracts.csv"), "utf8").split("\n");
  const fields = contracts[5]!.split(",");
  fields[3] = "LOC-NOWHERE"; // billToLocationId
  contracts[5] = fields.join(",");
  writeFileSync(path.join(bad, "contracts.csv"), contracts.join("\n"));
  writeFileSync(
    path.join(bad, "customers.csv"),
    `${readFileSync(path.join(bad, "customers.csv"), "utf8")}CUST-NEW-2,New customer,new@new.example\n`,
  );
  const error = await importServicingSource(db, csvFilesSource(csvFilesOf([bad]), "bad-csv")).catch(
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServicingImportError);
  expect((error as ServicingImportError).problems).toEqual([
    `contracts.csv line 6 (contractId "${fields[0]}"): billToLocationId: no location "LOC-NOWHERE" in the file or the database`,
  ]);
  expect(await stored()).toEqual(before);
});

test("a CSV value that breaks a rule is named by its column", async () => {
  const bad = path.join(tmp, "bad-column");
  await writeCsvExport(bad, { seed: SEED, customers: 3 });
  const long = "9".repeat(41);
  const contracts = readFileSync(path.join(bad, "contracts.csv"), "utf8").split("\n");
  const fields = contracts[1]!.split(",");
  fields[7] = long; // billingPostalCode
  contracts[1] = fields.join(",");
  writeFileSync(path.join(bad, "contracts.csv"), contracts.join("\n"));
  const error = await importServicingSource(
    db,
    csvFilesSource(csvFilesOf([bad]), "bad-column"),
  ).catch((e: unknown) => e);
  expect((error as ServicingImportError).problems).toEqual([
    `contracts.csv line 2 (contractId "${fields[0]}"): billingPostalCode: must be at most 40 characters`,
  ]);
});

test("a big import leaves the servicing tables vacuumed and analyzed, so lookups after it read without writing", async () => {
  const counts = () =>
    db.prisma.$queryRawUnsafe<{ relname: string; vacuums: number; analyzes: number }[]>(
      `SELECT relname, vacuum_count::int AS vacuums, analyze_count::int AS analyzes FROM pg_stat_user_tables
       WHERE relname LIKE 'servicing\\_%' ORDER BY relname`,
    );
  const before = await counts();
  const big = path.join(tmp, "big.json");
  // 2000 customers are about 12k rows with their addresses: past the 10k that makes an import "big".
  await writeJsonExport(big, { seed: SEED, customers: 2000 });
  await importServicingSource(db, jsonFileSource(big));
  const after = await counts();
  expect(after.map((t) => t.relname)).toEqual([
    "servicing_contact",
    "servicing_contract",
    "servicing_customer",
    "servicing_email_address",
    "servicing_location",
  ]);
  for (const table of after) {
    const earlier = before.find((t) => t.relname === table.relname) ?? { vacuums: 0, analyzes: 0 };
    expect({
      table: table.relname,
      vacuums: table.vacuums - earlier.vacuums,
      analyzes: table.analyzes - earlier.analyzes,
    }).toEqual({ table: table.relname, vacuums: 1, analyzes: 1 });
  }
});
