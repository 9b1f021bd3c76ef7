import type { SqlRunner } from "../db/adapters";
import type { EntityKey } from "./servicing-file.schema";
import { ID_FIELD, type RecordSource } from "./servicing-source";
import {
  DUPLICATE_CONTRACT_KEYS,
  MISSING_BILL_TO,
  STORED_KEY_COLLISIONS,
  duplicateIds,
  missingCustomers,
} from "./servicing-staging.sql";

interface ProblemSink {
  add(problem: string): void;
  readonly total: number;
}

/** Rows fetched per check: enough to list, never the whole file. */
const LIMIT = 1000;

/**
 * Checks that need the whole file, run over the staging tables: an id appears once per file, two
 * contracts do not share a key (ignoring case and spaces); once the file is sound, references
 * that point outside the file must exist in the database already, and a contract id must not
 * collide with another contract stored under a different id.
 */
export async function checkStagedFile(
  sql: SqlRunner,
  source: RecordSource,
  problems: ProblemSink,
): Promise<void> {
  const where = (entity: EntityKey, pos: number, id: string) => source.describe(entity, pos, id);

  for (const entity of Object.keys(ID_FIELD) as EntityKey[]) {
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
  if (problems.total > 0) return;

  type Missing = { pos: number; id: string; missing: string };
  for (const entity of ["contacts", "locations"] as const) {
    for (const r of await sql.query<Missing>(missingCustomers(entity), [LIMIT])) {
      problems.add(
        `${where(entity, r.pos, r.id)}: customerId: no customer ${JSON.stringify(r.missing)} in the file or the database`,
      );
    }
  }
  const contractProblems = [
    ...(await sql.query<Missing>(missingCustomers("contracts"), [LIMIT])).map((r) => ({
      pos: r.pos,
      order: 0,
      text: `${where("contracts", r.pos, r.id)}: customerId: no customer ${JSON.stringify(r.missing)} in the file or the database`,
    })),
    ...(await sql.query<Missing>(MISSING_BILL_TO, [LIMIT])).map((r) => ({
      pos: r.pos,
      order: 1,
      text: `${where("contracts", r.pos, r.id)}: billToLocationId: no location ${JSON.stringify(r.missing)} in the file or the database`,
    })),
  ].sort((a, b) => a.pos - b.pos || a.order - b.order);
  for (const p of contractProblems) problems.add(p.text);

  for (const r of await sql.query<{ pos: number; id: string; other: string }>(
    STORED_KEY_COLLISIONS,
    [LIMIT],
  )) {
    problems.add(
      `${where("contracts", r.pos, r.id)}: contractId: same as stored contract ${JSON.stringify(r.other)} ignoring case and spaces`,
    );
  }
}
