import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { splitEmailList } from "@portal/matching";
import { RECHECK_GRANTS, insertGrants } from "@portal/api/accounts/access-grant.repository";
import type { Database } from "@portal/api/db/database";
import { EligibilityRepository } from "@portal/api/enrollment/eligibility.repository";
import type { ImportSummary } from "@portal/api/servicing/servicing-import.service";
import type { BenchDatabase } from "./bench-databases";
import { decide } from "./bench-decision";
import { eligibleTriple } from "./bench-probes";
import { writeJsonExport } from "./servicing-export.writer";
import { type GeneratedCustomer, generateCustomer } from "./servicing-generator";

const run = promisify(execFile);
const IMPORT_CLI = require.resolve("@portal/api/cli/import");

/** One run of the import CLI, as its `--summary-json` line reports it. */
export interface SyncImport {
  seconds: number;
  /** From the command's start to its exit, as an operator (or a drop folder) waits for it. */
  wallSeconds: number;
  rowsWritten: number;
  summary: Pick<
    ImportSummary,
    "customers" | "contacts" | "locations" | "contracts" | "emailRowsWritten" | "access"
  >;
}

export interface SyncBench {
  atCustomers: number;
  /** The first import of the file (the size's JSON import), for the ≤ 50% targets. */
  firstImportSeconds: number;
  /** `--snapshot` of the same file again. */
  sameSnapshot: SyncImport;
  /** `--snapshot` of the file with 1% of the customers changed and 0.5% removed (with their records). */
  changedSnapshot: SyncImport & { changedCustomers: number; removedCustomers: number };
  /** A delta of 1,000 records (changes and removals): the CLI's wall time, then one decision seeing it. */
  delta: SyncImport & { records: number; visibleSeconds: number; visible: boolean };
  /** The grant re-check statement alone: `requested` accounts added (one grant each) to those there. */
  recheck: { requested: number; accounts: number; grants: number; seconds: number };
  /** The same delta format again, once those accounts exist. */
  deltaWithAccounts: SyncImport & { visibleSeconds: number; visible: boolean };
}

/** Changed customers: every 100th (its email field gains an address); removed: every 200th, offset. */
const CHANGE_EVERY = 100;
const REMOVE_EVERY = 200;
const changed = (i: number) => i % CHANGE_EVERY === 50;
const removed = (i: number) => i % REMOVE_EVERY === 17;

async function importCli(
  bench: BenchDatabase,
  file: string,
  snapshot: boolean,
): Promise<SyncImport> {
  const started = Date.now();
  const { stdout } = await run(
    process.execPath,
    [IMPORT_CLI, "--summary-json", ...(snapshot ? ["--snapshot"] : []), file],
    { env: { ...process.env, ...bench.env }, maxBuffer: 1 << 20 },
  );
  const wallSeconds = (Date.now() - started) / 1000;
  const s = JSON.parse(stdout.trim().split("\n").pop()!) as ImportSummary & {
    seconds: number;
    rowsWritten: number;
  };
  return {
    seconds: s.seconds,
    wallSeconds,
    rowsWritten: s.rowsWritten,
    summary: {
      customers: s.customers,
      contacts: s.contacts,
      locations: s.locations,
      contracts: s.contracts,
      emailRowsWritten: s.emailRowsWritten,
      access: s.access,
    },
  };
}

/**
 * A delta of `records` records around customer `offset`: customers whose email field gets a new,
 * unique address (one of them is then enrolled with it), contacts renamed, and removals of contacts
 * and contracts. Returns the probe that must become eligible once the delta is visible.
 */
function writeDelta(file: string, seed: number, customers: number, records: number, tag: string) {
  // Twice as many candidates as records, spread over the data, each customer once.
  const step = Math.max(1, Math.floor(customers / (records * 2)));
  const out = {
    customers: [] as object[],
    contacts: [] as object[],
    removed: { contacts: [] as string[], contracts: [] as string[] },
  };
  let probe: { email: string; contractId: string; billingPostalCode: string } | null = null;
  let count = 0;
  for (let n = 0, index = 3; count < records && index < customers; n++, index += step) {
    if (changed(index) || removed(index)) continue; // untouched by the changed snapshot
    const g: GeneratedCustomer = generateCustomer(seed, index);
    const kind = n % 10;
    if (kind < 6) {
      const email = `delta-${tag}-${index + 1}@changed.example`;
      out.customers.push({
        ...g.customer,
        email: [...splitEmailList(g.customer.email), email].join("; "),
      });
      const triple = eligibleTriple(seed, index);
      if (!probe && triple) probe = { ...triple, email };
    } else if (kind < 8 && g.contacts[0]) {
      out.contacts.push({ ...g.contacts[0], lastName: `${g.contacts[0].lastName} ${tag}` });
    } else if (kind < 9 && g.contacts.length > 1) {
      out.removed.contacts.push(g.contacts[g.contacts.length - 1]!.contactId);
    } else if (g.contracts.length > 1) {
      out.removed.contracts.push(g.contracts[g.contracts.length - 1]!.contractId);
    } else continue;
    count++;
  }
  writeFileSync(file, JSON.stringify(out));
  return { records: count, probe: probe! };
}

/** The database for a step: held open on PostgreSQL; on PGlite opened only while no CLI runs. */
export type UseDatabase = <T>(use: (db: Database) => Promise<T>) => Promise<T>;

async function timedDelta(
  bench: BenchDatabase,
  useDb: UseDatabase,
  file: string,
  probe: { email: string; contractId: string; billingPostalCode: string },
) {
  const started = Date.now();
  const result = await importCli(bench, file, false);
  const visible = await useDb((db) => decide(new EligibilityRepository(db.sql), probe));
  const visibleSeconds = (Date.now() - started) / 1000;
  return { ...result, visibleSeconds, visible };
}

/**
 * The servicing sync at the largest size, on the database the size was imported into: a snapshot of
 * the same file, a snapshot with changes and removals, a 1,000-record delta, and the grant re-check
 * with `accounts` accounts.
 */
export async function benchSync(options: {
  bench: BenchDatabase;
  useDb: UseDatabase;
  file: string;
  tmp: string;
  seed: number;
  customers: number;
  firstImportSeconds: number;
  deltaRecords: number;
  accounts: number;
  say: (line: string) => void;
}): Promise<SyncBench> {
  const { bench, useDb, file, tmp, seed, customers, say } = options;
  say("sync: snapshot of the same file");
  const sameSnapshot = await importCli(bench, file, true);

  say("sync: snapshot with 1% of the customers changed and 0.5% removed");
  const variant = path.join(tmp, "servicing-changed.json");
  let changedCustomers = 0;
  let removedCustomers = 0;
  await writeJsonExport(variant, {
    seed,
    customers,
    vary: (index, g) => {
      if (removed(index)) return null;
      if (!changed(index)) return g;
      return {
        ...g,
        customer: {
          ...g.customer,
          email: [...splitEmailList(g.customer.email), `renamed-${index + 1}@changed.example`].join(
            "; ",
          ),
        },
      };
    },
  });
  for (let i = 0; i < customers; i++) {
    if (removed(i)) removedCustomers++;
    else if (changed(i)) changedCustomers++;
  }
  const changedSnapshot = {
    ...(await importCli(bench, variant, true)),
    changedCustomers,
    removedCustomers,
  };

  say(`sync: a delta of ${options.deltaRecords} records, then one decision that must see it`);
  const deltaFile = path.join(tmp, "servicing-delta.json");
  const first = writeDelta(deltaFile, seed, customers, options.deltaRecords, "a");
  const delta = {
    ...(await timedDelta(bench, useDb, deltaFile, first.probe)),
    records: first.records,
  };

  say(`sync: ${options.accounts} accounts, then the grant re-check alone`);
  const recheck = await useDb(async (db) => {
    await db.adapter.exec(`
      INSERT INTO portal_user (id, email, first_name, last_name, status, created_at, updated_at)
      SELECT gen_random_uuid(), address, 'Bench', 'Account', 'ACTIVE', now(), now()
      FROM (SELECT DISTINCT address FROM servicing_email_address ORDER BY address LIMIT ${options.accounts}) a
      ON CONFLICT (email) DO NOTHING`);
    await db.adapter.exec(
      insertGrants(
        `(SELECT DISTINCT ON (u.id) u.id AS user_id, e.customer_id, 'bench' AS contract
          FROM portal_user u JOIN servicing_email_address e ON e.address = u.email
          ORDER BY u.id, e.customer_id) g`,
        { userId: "user_id", customerId: "customer_id", contractId: "contract" },
      ),
    );
    await db.adapter.exec("VACUUM (ANALYZE) portal_user, customer_access_grant");
    const [counted] = await db.prisma.$queryRawUnsafe<{ accounts: number; grants: number }[]>(
      `SELECT (SELECT count(*)::int FROM portal_user) AS accounts, (SELECT count(*)::int FROM customer_access_grant) AS grants`,
    );
    const started = Date.now();
    await db.adapter.transaction((sql) => sql.query(RECHECK_GRANTS));
    return {
      requested: options.accounts,
      accounts: counted?.accounts ?? 0,
      grants: counted?.grants ?? 0,
      seconds: (Date.now() - started) / 1000,
    };
  });

  say("sync: the delta format again, with those accounts");
  const secondFile = path.join(tmp, "servicing-delta-2.json");
  const second = writeDelta(secondFile, seed, customers, options.deltaRecords, "b");
  const deltaWithAccounts = await timedDelta(bench, useDb, secondFile, second.probe);

  return {
    atCustomers: customers,
    firstImportSeconds: options.firstImportSeconds,
    sameSnapshot,
    changedSnapshot,
    delta,
    recheck,
    deltaWithAccounts,
  };
}
