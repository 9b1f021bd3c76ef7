import {
  Browser,
  COMPLETE,
  SIGN_IN,
  STRONG_PASSWORD,
  createTestDatabase,
  selfEnroll,
  servicingFixture,
  tokenFrom,
  startMailingTestApp,
  type MailingTestApp,
} from "@portal/test-support";
import { funnelReport } from "../src/audit/audit-report";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Database } from "../src/db/database";
import { csvFilesOf, csvFilesSource } from "../src/servicing/servicing-csv.source";
import { ServicingImportError } from "../src/servicing/servicing-import.errors";
import {
  type ImportOptions,
  importServicingExport,
  importServicingSource,
} from "../src/servicing/servicing-import.service";

type Fixture = typeof servicingFixture;
const without = <K extends keyof Fixture>(
  key: K,
  ids: string[],
  from: Fixture = servicingFixture,
) => {
  const idField = {
    customers: "customerId",
    contacts: "contactId",
    locations: "locationId",
    contracts: "contractId",
  }[key];
  return {
    ...from,
    [key]: (from[key] as unknown as Record<string, unknown>[]).filter(
      (r) => !ids.includes(r[idField] as string),
    ),
  };
};
const snapshot = (db: Database, data: unknown, options: ImportOptions = {}) =>
  importServicingExport(db, data as Fixture, { mode: "snapshot", ...options });
const delta = (db: Database, data: unknown) => importServicingExport(db, data as Fixture);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the import was not refused");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(ServicingImportError);
      return (error as ServicingImportError).problems;
    },
  );

/** Every stored row with its version (xmin) and place (ctid): equal before and after = nothing written. */
async function rowVersions(db: Database) {
  const tables = [
    "servicing_customer",
    "servicing_contact",
    "servicing_location",
    "servicing_contract",
    "servicing_email_address",
  ];
  const out: Record<string, unknown> = {};
  for (const table of tables)
    out[table] = await db.prisma.$queryRawUnsafe(
      `SELECT xmin::text AS xmin, ctid::text AS ctid FROM ${table} ORDER BY ctid`,
    );
  return out;
}

const ids = async (db: Database, table: string) =>
  (await db.prisma.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM ${table} ORDER BY id`)).map(
    (r) => r.id,
  );
const sources = async (db: Database, sourceId: string) =>
  (
    await db.prisma.servicingEmailAddress.findMany({
      where: { sourceId },
      orderBy: { address: "asc" },
    })
  ).map((r) => r.address);

describe("imports on their own", () => {
  let db: Database;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ db, drop } = await createTestDatabase());
    await delta(db, servicingFixture);
  });
  afterEach(() => drop());

  test("re-importing identical records writes no row: no new row version, no index churn", async () => {
    const before = await rowVersions(db);
    for (const summary of [
      await delta(db, servicingFixture),
      await snapshot(db, servicingFixture),
    ]) {
      expect(summary.customers).toEqual({ inserted: 0, updated: 0, unchanged: 7, removed: 0 });
      expect(summary.contracts).toEqual({ inserted: 0, updated: 0, unchanged: 11, removed: 0 });
      expect(summary.emailRowsWritten).toBe(0);
    }
    expect(await rowVersions(db)).toEqual(before);
    // One changed field writes that record and its index rows only.
    const summary = await delta(db, {
      customers: [{ customerId: "C-UK", name: "UK Customer", email: "new@uk-customer.example" }],
    });
    expect(summary.customers).toEqual({ inserted: 0, updated: 1, unchanged: 0, removed: 0 });
    expect(summary.emailRowsWritten).toBe(1);
    expect(await sources(db, "C-UK")).toEqual(["new@uk-customer.example"]);
  });

  test("a snapshot removes every stored record it lacks, with its email index rows", async () => {
    const file = without("contacts", ["K-2"], without("locations", ["L-US-UNUSED"]));
    const summary = await snapshot(db, file, { maxRemovalPercent: 100 });
    expect(summary.mode).toBe("snapshot");
    expect(summary.contacts).toEqual({ inserted: 0, updated: 0, unchanged: 1, removed: 1 });
    expect(summary.locations).toEqual({ inserted: 0, updated: 0, unchanged: 2, removed: 1 });
    expect(await ids(db, "servicing_contact")).toEqual(["K-1"]);
    expect(await sources(db, "K-2")).toEqual([]);
    expect(await sources(db, "L-US-UNUSED")).toEqual([]);
  });

  test("a snapshot that would remove more than 10% of an entity is refused whole, unless allowed", async () => {
    const before = await rowVersions(db);
    const truncated = {
      ...servicingFixture,
      customers: servicingFixture.customers.slice(0, 5),
      contracts: servicingFixture.contracts.filter(
        (c) => !["T-001", "N-001"].includes(c.contractId),
      ),
      contacts: servicingFixture.contacts.slice(0, 1),
    };
    const problems = await refusal(snapshot(db, truncated));
    expect(problems).toEqual([
      "customers: the snapshot would remove 2 of the 7 stored (28.6%), more than the 10% limit",
      "contacts: the snapshot would remove 1 of the 2 stored (50.0%), more than the 10% limit",
      "contracts: the snapshot would remove 2 of the 11 stored (18.2%), more than the 10% limit",
      "a truncated export looks like this; if these removals are meant, import it with --max-removal-percent 50",
    ]);
    expect(await rowVersions(db)).toEqual(before);
    expect(await refusal(snapshot(db, truncated, { maxRemovalPercent: 49 }))).toHaveLength(2);
    const summary = await snapshot(db, truncated, { maxRemovalPercent: 50 });
    expect(summary.customers.removed).toBe(2);
    expect(await ids(db, "servicing_customer")).not.toContain("C-NUMERIC");
  });

  test("a snapshot's references must be in the snapshot itself", async () => {
    const before = await rowVersions(db);
    const file = without("customers", ["C-UK"]);
    const problems = await refusal(snapshot(db, file, { maxRemovalPercent: 100 }));
    expect(problems).toEqual([
      'contracts[6] (contractId "UK-001"): customerId: no customer "C-UK" in the snapshot',
    ]);
    expect(await rowVersions(db)).toEqual(before);
  });

  test("a delta's removed lists remove records, a customer with its records; ids not stored are reported", async () => {
    const summary = await delta(db, {
      removed: { customers: ["C-CA"], contacts: ["K-2", "K-404"], contracts: ["UK-001"] },
    });
    expect(summary.customers.removed).toBe(1);
    expect(summary.contacts.removed).toBe(1);
    expect(summary.locations.removed).toBe(1); // L-CA, with its customer
    expect(summary.contracts.removed).toBe(3); // CA-001, CA-002 with their customer, UK-001
    expect(summary.notStored.contacts).toEqual({ count: 1, ids: ["K-404"] });
    expect(await ids(db, "servicing_location")).toEqual(["L-US", "L-US-UNUSED"]);
    expect(await sources(db, "C-CA")).toEqual([]);
    expect(await sources(db, "L-CA")).toEqual([]);
    // Removed records come back with a later file.
    const back = await delta(db, servicingFixture);
    expect(back.customers).toMatchObject({ inserted: 1, unchanged: 6 });
    expect(await sources(db, "L-CA")).toEqual(["factures@ca-customer.example"]);
  });

  test("a CSV delta lists its removals in removed.csv; an unknown entity is refused with its line", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "removed-csv-"));
    try {
      mkdirSync(path.join(dir, "ok"));
      writeFileSync(
        path.join(dir, "ok", "removed.csv"),
        "id,entity\nK-2,contact\n UK-001 ,Contract\nK-404,contact\n",
      );
      const summary = await importServicingSource(
        db,
        csvFilesSource(csvFilesOf([path.join(dir, "ok")]), "ok"),
      );
      expect(summary.contacts.removed).toBe(1);
      expect(summary.contracts.removed).toBe(1);
      expect(summary.notStored.contacts).toEqual({ count: 1, ids: ["K-404"] });
      mkdirSync(path.join(dir, "bad"));
      writeFileSync(path.join(dir, "bad", "removed.csv"), "entity,id\ncontact,K-1\nperson,P-1\n");
      const before = await rowVersions(db);
      expect(
        await refusal(
          importServicingSource(db, csvFilesSource(csvFilesOf([path.join(dir, "bad")]), "bad")),
        ),
      ).toEqual([
        'removed.csv line 3: entity: must be one of customer, contact, location, contract (not "person")',
      ]);
      expect(await rowVersions(db)).toEqual(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a delta that contradicts itself or strands a record is refused whole", async () => {
    const before = await rowVersions(db);
    expect(
      await refusal(
        delta(db, {
          contacts: [servicingFixture.contacts[0]],
          removed: { contacts: ["K-1"], locations: ["L-US"] },
        }),
      ),
    ).toEqual([
      'removed.contacts[0]: "K-1" is also among the file\'s contacts: a record is either imported or removed',
    ]);
    expect(await refusal(delta(db, { removed: { locations: ["L-US"] } }))).toEqual([
      'location "L-US" cannot be removed: it is the bill-to location of stored contract "US-001", which stays (remove that contract too, or give it another bill-to location in the file)',
      'location "L-US" cannot be removed: it is the bill-to location of stored contract "US-OFF", which stays (remove that contract too, or give it another bill-to location in the file)',
    ]);
    expect(
      await refusal(
        delta(db, {
          contacts: [{ ...servicingFixture.contacts[0]!, contactId: "K-NEW", customerId: "C-UK" }],
          removed: { customers: ["C-UK"] },
        }),
      ),
    ).toEqual([
      'contacts[0] (contactId "K-NEW"): customerId: customer "C-UK" is removed by this file',
    ]);
    expect(await refusal(delta(db, { removed: { contacts: [{ id: 1 }] } }))).toEqual([
      "removed.contacts[0]: must be an id (a string or an integer, 1–100 characters)",
    ]);
    expect(await rowVersions(db)).toEqual(before);
  });

  test("a removed contract frees its key for a new contract in the same file", async () => {
    const uk = servicingFixture.contracts.find((c) => c.contractId === "UK-001")!;
    await delta(db, {
      contracts: [{ ...uk, contractId: "uk-001 " }],
      removed: { contracts: ["UK-001"] },
    });
    expect(await ids(db, "servicing_contract")).toContain("uk-001");
    expect(await ids(db, "servicing_contract")).not.toContain("UK-001");
  });

  test("a contract seen booked and then not booked is closed from that import on; never booked is never closed", async () => {
    const closedAt = async (id: string) =>
      (await db.prisma.servicingContract.findUniqueOrThrow({ where: { id } })).closedAt;
    const us2 = servicingFixture.contracts.find((c) => c.contractId === "US-002")!;
    const start = new Date();
    await delta(db, { contracts: [{ ...us2, status: "TERMINATED" }] });
    const closed = await closedAt("US-002");
    expect(closed!.getTime()).toBeGreaterThanOrEqual(start.getTime() - 1000);
    // Another non-booked status keeps the first date; booked again reopens it.
    await delta(db, { contracts: [{ ...us2, status: "PAID_OFF" }] });
    expect(await closedAt("US-002")).toEqual(closed);
    expect(await closedAt("US-OFF")).toBeNull();
    await delta(db, { contracts: [us2] });
    expect(await closedAt("US-002")).toBeNull();
  });
});

describe("access follows the proof", () => {
  let app: MailingTestApp;
  const browsers: Record<string, Browser> = {};
  const CONTRACTS = `{ me { accessSuspended contracts { contractId } closedContracts { contractId customerName closedOn }
    one: contract(contractId: "US-001") { contractId } } }`;
  const view = async (who: string) =>
    (
      await browsers[who]!.gql<{
        me: {
          accessSuspended: boolean;
          contracts: { contractId: string }[];
          closedContracts: { contractId: string; closedOn: string }[];
          one: { contractId: string } | null;
        };
      }>(CONTRACTS)
    ).me;
  const contractIds = async (who: string) => (await view(who)).contracts.map((c) => c.contractId);
  const grant = async (email: string) =>
    app.db.prisma.$queryRawUnsafe<{ suspended_at: Date | null }[]>(
      `SELECT g.suspended_at FROM customer_access_grant g JOIN portal_user u ON u.id = g.user_id WHERE u.email = $1`,
      email,
    );

  // Three accounts of customer C-US, each proved a different way.
  const people = {
    contact: { email: "pat@contact.example", contractId: "US-001", billingPostalCode: "94607" },
    customer: {
      email: "billing@us-customer.example",
      contractId: "US-002",
      billingPostalCode: "10001",
    },
    billTo: { email: "ap@us-customer.example", contractId: "US-001", billingPostalCode: "94607" },
  };

  beforeAll(async () => {
    app = await startMailingTestApp(servicingFixture);
    for (const [who, input] of Object.entries(people)) {
      expect((await selfEnroll(app, input)).__typename).toBe("EnrollmentStarted");
      const token = tokenFrom(await app.smtp.waitFor(input.email, /Finish setting up/), "verify");
      browsers[who] = new Browser(app);
      await browsers[who].gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } });
    }
  });
  afterAll(() => app.close());

  test("every account sees the customer's booked contracts to begin with", async () => {
    for (const who of Object.keys(people)) {
      expect(await contractIds(who)).toEqual(["US-001", "US-002", "US-003"]);
      expect((await view(who)).accessSuspended).toBe(false);
    }
  });

  test("a removed contact loses access (suspended, audited) and cannot enroll; back on file, access returns", async () => {
    const since = new Date(Date.now() - 1000);
    const summary = await delta(app.db, { removed: { contacts: ["K-1"] } });
    expect(summary.access).toEqual({ grants: 3, suspended: 1, newlySuspended: 1, reinstated: 0 });
    const me = await view("contact");
    expect(me).toMatchObject({
      accessSuspended: true,
      contracts: [],
      closedContracts: [],
      one: null,
    });
    expect(await contractIds("customer")).toEqual(["US-001", "US-002", "US-003"]);
    expect((await grant(people.contact.email))[0]!.suspended_at).not.toBeNull();
    // Suspended, the person can still sign in (and is told on My contracts to contact support).
    const again = new Browser(app);
    expect(
      (
        await again.gql(SIGN_IN, {
          input: { email: people.contact.email, password: STRONG_PASSWORD },
        })
      ).signIn.__typename,
    ).toBe("SignedIn");
    expect((await selfEnroll(app, people.contact)).__typename).toBe("EnrollmentRejected");

    const back = await delta(app.db, { contacts: [servicingFixture.contacts[0]] });
    expect(back.access).toEqual({ grants: 3, suspended: 0, newlySuspended: 0, reinstated: 1 });
    expect(await contractIds("contact")).toEqual(["US-001", "US-002", "US-003"]);
    const events = await app.db.prisma.auditEvent.findMany({
      where: { eventType: "CUSTOMER_ACCESS", createdAt: { gte: since } },
      orderBy: { createdAt: "asc" },
    });
    expect(events.map((e) => [e.outcome, e.reason, e.email, e.customerId])).toEqual([
      ["SUSPENDED", "SERVICING_IMPORT", people.contact.email, "C-US"],
      ["REINSTATED", "SERVICING_IMPORT", people.contact.email, "C-US"],
    ]);
    const report = await funnelReport(app.db.prisma, since, new Date(Date.now() + 1000));
    expect(report.access).toEqual({ suspended: 1, reinstated: 1 });
  });

  test("a bill-to address counts only while its location is the bill-to location of one of the customer's contracts", async () => {
    const moved = servicingFixture.contracts
      .filter((c) => c.billToLocationId === "L-US")
      .map((c) => ({ ...c, billToLocationId: null }));
    expect((await delta(app.db, { contracts: moved })).access.newlySuspended).toBe(1);
    expect((await view("billTo")).accessSuspended).toBe(true);
    expect(await contractIds("contact")).toEqual(["US-001", "US-002", "US-003"]);
    expect((await delta(app.db, servicingFixture)).access.reinstated).toBe(1);
    expect(await contractIds("billTo")).toEqual(["US-001", "US-002", "US-003"]);
  });

  test("a customer email taken off the customer suspends; a removed customer suspends everyone; a snapshot restores", async () => {
    const us = servicingFixture.customers[0]!;
    expect(
      (await delta(app.db, { customers: [{ ...us, email: "owner@us-customer.example" }] })).access
        .newlySuspended,
    ).toBe(1);
    expect((await view("customer")).accessSuspended).toBe(true);

    const summary = await delta(app.db, { removed: { customers: ["C-US"] } });
    expect(summary.access).toMatchObject({ grants: 3, suspended: 3, newlySuspended: 2 });
    for (const who of Object.keys(people))
      expect(await view(who)).toMatchObject({ accessSuspended: true, contracts: [] });

    const restored = await snapshot(app.db, servicingFixture, { maxRemovalPercent: 100 });
    expect(restored.customers.inserted).toBe(1);
    expect(restored.access).toMatchObject({ suspended: 0, reinstated: 3 });
    for (const who of Object.keys(people))
      expect(await contractIds(who)).toEqual(["US-001", "US-002", "US-003"]);
  });

  test("My contracts lists a terminated contract under closed, not a contract never booked", async () => {
    const us3 = servicingFixture.contracts.find((c) => c.contractId === "US-003")!;
    await delta(app.db, { contracts: [{ ...us3, status: "TERMINATED" }] });
    const me = await view("customer");
    expect(me.contracts.map((c) => c.contractId)).toEqual(["US-001", "US-002"]);
    expect(me.closedContracts).toEqual([
      {
        contractId: "US-003",
        customerName: "US Customer",
        closedOn: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(me.closedContracts.map((c) => c.contractId)).not.toContain("US-OFF");
  });
});
