import type { SqlRunner } from "../db/adapters";
import type { EntityKey } from "./servicing-file.schema";
import { ID_FIELD, type RecordSource } from "./servicing-source";
import { DUPLICATE_CONTRACT_KEYS, duplicateIds } from "./servicing-staging.sql";
import {
  STAYING_BILL_TO_REMOVED,
  STORED_KEY_COLLISIONS,
  UNRESOLVED_BILL_TO,
  removedAndImported,
  unresolvedCustomers,
} from "./servicing-sync.sql";

interface ProblemSink {
  add(problem: string): void;
  readonly total: number;
}

/** Rows fetched per check: enough to list, never the whole file. */
const LIMIT = 1000;

const ENTITIES = Object.keys(ID_FIELD) as EntityKey[];

/**
 * Checks of the file by itself, over the staging tables: an id appears once per file, two contracts
 * do not share a key (ignoring case and spaces), and (a delta) no id is both imported and removed.
 */
export async function checkStagedFile(
  sql: SqlRunner,
  source: RecordSource,
  problems: ProblemSink,
): Promise<void> {
  const where = (entity: EntityKey, pos: number, id: string) => source.describe(entity, pos, id);

  for (const entity of ENTITIES) {
    const rows = await sql.query<{ pos: number; id: string }>(duplicateIds(entity), [LIMIT]);
    for (const r of rows)
      problems.add(
        `${where(entity, r.pos, r.id)}: ${ID_FIELD[entity]}: appears more than once in the file`,
      );
  }
  if (problems.total > 0) return;
  const duplicateKeys = await sql.query<{ pos: number; id: string; other: string }>(
    DUPLICATE_CONTRACT_KEYS,
    [LIMIT],
  );
  for (const r of duplicateKeys) {
    problems.add(
      `${where("contracts", r.pos, r.id)}: contractId: same as ${JSON.stringify(r.other)} ignoring case and spaces`,
    );
  }
  for (const entity of ENTITIES) {
    for (const r of await sql.query<{ pos: number; id: string }>(removedAndImported(entity), [
      LIMIT,
    ])) {
      problems.add(
        `${source.describeRemoval(entity, r.pos)}: ${JSON.stringify(r.id)} is also among the file's ${entity}: a record is either imported or removed`,
      );
    }
  }
}

/**
 * Once the file is sound and what it removes is known (remove_ids): every reference of the file's
 * records must exist after the import (in the file, or stored and not removed), a stored contract
 * that stays must keep its bill-to location, and a contract key must not collide with a stored
 * contract that stays.
 */
export async function checkReferences(
  sql: SqlRunner,
  source: RecordSource,
  problems: ProblemSink,
  snapshot: boolean,
): Promise<void> {
  const where = (entity: EntityKey, pos: number, id: string) => source.describe(entity, pos, id);
  type Unresolved = { pos: number; id: string; missing: string; stored: boolean };
  const unresolved = (kind: "customer" | "location", r: Unresolved) => {
    const name = `${kind} ${JSON.stringify(r.missing)}`;
    if (!r.stored) return `no ${name} in the file or the database`;
    return snapshot ? `no ${name} in the snapshot` : `${name} is removed by this file`;
  };

  for (const entity of ["contacts", "locations"] as const) {
    for (const r of await sql.query<Unresolved>(unresolvedCustomers(entity), [LIMIT])) {
      problems.add(`${where(entity, r.pos, r.id)}: customerId: ${unresolved("customer", r)}`);
    }
  }
  const contractProblems = [
    ...(await sql.query<Unresolved>(unresolvedCustomers("contracts"), [LIMIT])).map((r) => ({
      pos: r.pos,
      order: 0,
      text: `${where("contracts", r.pos, r.id)}: customerId: ${unresolved("customer", r)}`,
    })),
    ...(await sql.query<Unresolved>(UNRESOLVED_BILL_TO, [LIMIT])).map((r) => ({
      pos: r.pos,
      order: 1,
      text: `${where("contracts", r.pos, r.id)}: billToLocationId: ${unresolved("location", r)}`,
    })),
  ].sort((a, b) => a.pos - b.pos || a.order - b.order);
  for (const p of contractProblems) problems.add(p.text);

  for (const r of await sql.query<{ id: string; location: string }>(STAYING_BILL_TO_REMOVED, [
    LIMIT,
  ])) {
    problems.add(
      `location ${JSON.stringify(r.location)} cannot be removed: it is the bill-to location of stored contract ${JSON.stringify(r.id)}, which stays (remove that contract too, or give it another bill-to location in the file)`,
    );
  }

  for (const r of await sql.query<{ pos: number; id: string; other: string }>(
    STORED_KEY_COLLISIONS,
    [LIMIT],
  )) {
    problems.add(
      `${where("contracts", r.pos, r.id)}: contractId: same as stored contract ${JSON.stringify(r.other)} ignoring case and spaces`,
    );
  }
}
