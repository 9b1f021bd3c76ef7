import { COUNT_GRANTS, RECHECK_GRANTS } from "../accounts/access-grant.repository";
import { insertAuditEvents } from "../audit/audit-log";
import type { SqlRunner } from "../db/adapters";
import type { Database } from "../db/database";
import { ENTITIES, type EntityKey, type ServicingExport, removedId } from "./servicing-file.schema";
import { ServicingImportError } from "./servicing-import.errors";
import { checkReferences, checkStagedFile } from "./servicing-references";
import { type RecordSource, isProblem, isRemoval, memorySource, rawId } from "./servicing-source";
import { ProblemList, Stager } from "./servicing-stager";
import { ANALYZE_STAGING, CREATE_STAGING, VACUUM_ANALYZE_SERVICING } from "./servicing-staging.sql";
import {
  CREATE_SYNC_TABLES,
  IMPORT_LOCK,
  MERGE,
  REMOVAL_COUNTS,
  cascadedRemovals,
  notStored,
  removeStatements,
  replaceEmails,
  requestedRemovals,
  snapshotRemovals,
  storedCount,
} from "./servicing-sync.sql";

export interface EntityCounts {
  inserted: number;
  updated: number;
  /** In the file and identical to what was stored: not written. */
  unchanged: number;
  removed: number;
}

export interface ImportSummary {
  /** A snapshot holds every record (what it lacks is removed); a delta holds changes and removals. */
  mode: ImportMode;
  customers: EntityCounts;
  contacts: EntityCounts;
  locations: EntityCounts;
  contracts: EntityCounts;
  /** Single addresses in the file's email fields. */
  emailAddresses: number;
  /** Email index rows written (those of new and changed records). */
  emailRowsWritten: number;
  /** Rows inserted, updated or removed in the servicing tables, plus the email index rows written. */
  rowsWritten: number;
  /** Ids of a delta's removed lists that were not stored: how many, and the first 20. */
  notStored: Record<EntityKey, { count: number; ids: string[] }>;
  /** The grant re-check at the end of the import. */
  access: {
    grants: number;
    /** Suspended after this import, in all. */
    suspended: number;
    /** Suspended by this import. */
    newlySuspended: number;
    /** Reinstated by this import. */
    reinstated: number;
  };
}

export type ImportMode = "delta" | "snapshot";

export type ImportPhase = "reading" | "checking" | "merging" | "access" | "analyzing";

export interface ImportProgress {
  phase: ImportPhase;
  /** Records read so far. */
  records: number;
  /** Bytes of the file(s) read so far and in all, when the source knows. */
  bytes: { done: number; total: number } | null;
}

export interface ImportOptions {
  /** Called after every staged batch and at each phase change. */
  onProgress?: (progress: ImportProgress) => void;
  /** Records per staging statement. */
  batchSize?: number;
  /** `snapshot`: the file is the whole truth; stored records it lacks are removed. Default `delta`. */
  mode?: ImportMode;
  /**
   * A snapshot that would remove more than this percentage of the stored records of any entity is
   * refused whole (a truncated export). Default 10.
   */
  maxRemovalPercent?: number;
}

export const DEFAULT_MAX_REMOVAL_PERCENT = 10;

const VACUUM_AFTER_ROWS = 10_000;

const RECORD_SCHEMA = Object.fromEntries(ENTITIES.map((e) => [e.key, e.record])) as Record<
  EntityKey,
  (typeof ENTITIES)[number]["record"]
>;

/**
 * Imports a servicing export from any source in one transaction:
 * 1. every record is validated as it is read and appended to TEMP staging tables, with its
 *    derived email addresses (the file itself is never held in memory);
 * 2. checks over the whole file in SQL: ids once per file, contract keys unique; then what the file
 *    removes (a snapshot: every stored record it lacks, refused past `maxRemovalPercent`; a delta:
 *    its removed lists, a customer with its records); then references found after the import;
 * 3. set-based removals and upserts of what is new or changed, the email index of what changed;
 * 4. every access grant re-checked against the data as it now stands (suspended or reinstated, audited).
 * Any problem throws ServicingImportError, naming records and fields, and rolls everything back.
 * Runs on a dedicated driver connection: bulk parameters through Prisma cost three times as much.
 */
export async function importServicingSource(
  db: Database,
  source: RecordSource,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const summary = await db.adapter.transaction((sql) => stagedImport(sql, source, options));
  await vacuumAfterBigImport(
    summary.rowsWritten,
    (statement) => db.adapter.exec(statement),
    options,
  );
  return summary;
}

/** Upserts a servicing export held in memory (tests, demo data): the same path as a file. */
export function importServicingExport(
  db: Database,
  data: Partial<ServicingExport> & { removed?: Partial<Record<EntityKey, readonly unknown[]>> },
  options: ImportOptions = {},
): Promise<ImportSummary> {
  return importServicingSource(db, memorySource(data), options);
}

async function vacuumAfterBigImport(
  rows: number,
  run: (statement: string) => Promise<unknown>,
  options: ImportOptions,
) {
  if (rows < VACUUM_AFTER_ROWS) return;
  // Fresh statistics right away, so that the first enrollments after a big import are planned as
  // index probes, and the new rows vacuumed, so that the first reads of each page do not have to
  // write it back (autovacuum would get there minutes later, where it is enabled at all).
  options.onProgress?.({ phase: "analyzing", records: rows, bytes: null });
  await run(VACUUM_ANALYZE_SERVICING);
}

const ENTITY_KEYS = ENTITIES.map((e) => e.key);

/** The steps inside the import transaction. */
async function stagedImport(
  sql: SqlRunner,
  source: RecordSource,
  options: ImportOptions,
): Promise<ImportSummary> {
  const report = options.onProgress ?? (() => {});
  const snapshot = options.mode === "snapshot";
  let records = 0;
  let removalsRefused = false;
  await sql.query(IMPORT_LOCK);
  for (const statement of [...CREATE_STAGING, ...CREATE_SYNC_TABLES]) await sql.query(statement);
  const problems = new ProblemList();
  const stager = new Stager(sql, options.batchSize ?? 5000);
  const progressEvery = 2000;
  report({ phase: "reading", records, bytes: source.progress() });
  for await (const item of source.items()) {
    if (isProblem(item)) {
      problems.add(item.problem);
      continue;
    }
    if (isRemoval(item)) {
      const where = source.describeRemoval(item.removed, item.pos);
      if (snapshot) {
        // Said once, at the first entry: the whole section is out of place.
        if (!removalsRefused)
          problems.add(
            `${where}: a snapshot removes what it does not hold; removed lists belong in a delta file (import without --snapshot)`,
          );
        removalsRefused = true;
        continue;
      }
      const parsed = removedId.safeParse(item.raw);
      if (!parsed.success)
        problems.add(`${where}: must be an id (a string or an integer, 1–100 characters)`);
      else await stager.addRemoval(item.removed, item.pos, parsed.data);
      continue;
    }
    const { entity, raw, pos } = item;
    const parsed = RECORD_SCHEMA[entity].safeParse(raw);
    if (!parsed.success) {
      const where = source.describe(entity, pos, rawId(entity, raw));
      for (const issue of parsed.error.issues) {
        problems.add(
          `${where}: ${source.fieldName(entity, issue.path) || "record"}: ${issue.message}`,
        );
      }
    } else {
      await stager.add(entity, pos, parsed.data);
    }
    if (++records % progressEvery === 0)
      report({ phase: "reading", records, bytes: source.progress() });
  }
  await stager.finish();
  problems.throwIfAny();
  report({ phase: "checking", records, bytes: source.progress() });
  await sql.query(ANALYZE_STAGING);
  await checkStagedFile(sql, source, problems);
  problems.throwIfAny();

  const notStoredIds: ImportSummary["notStored"] = {
    customers: { count: 0, ids: [] },
    contacts: { count: 0, ids: [] },
    locations: { count: 0, ids: [] },
    contracts: { count: 0, ids: [] },
  };
  if (snapshot) {
    for (const entity of ENTITY_KEYS) await sql.query(snapshotRemovals(entity));
  } else {
    for (const entity of ENTITY_KEYS) {
      await sql.query(requestedRemovals(entity));
      const [row] = await sql.query<{ count: number; ids: string[] }>(notStored(entity));
      notStoredIds[entity] = { count: row?.count ?? 0, ids: row?.ids ?? [] };
    }
    for (const entity of ["contacts", "locations", "contracts"] as const)
      await sql.query(cascadedRemovals(entity));
  }
  const removing = Object.fromEntries(ENTITY_KEYS.map((e) => [e, 0])) as Record<EntityKey, number>;
  for (const row of await sql.query<{ entity: EntityKey; n: number }>(REMOVAL_COUNTS))
    removing[row.entity] = row.n;
  if (snapshot) await guardRemovals(sql, removing, options.maxRemovalPercent);
  await checkReferences(sql, source, problems, snapshot);
  problems.throwIfAny();

  report({ phase: "merging", records, bytes: source.progress() });
  // Leaves first (a removed contract frees its key for a new one), then the upserts (a contract may
  // move to another bill-to location, a contact to another customer), then what they pointed at.
  for (const entity of ["contracts", "contacts"] as const)
    for (const statement of removeStatements(entity)) await sql.query(statement);
  const counts = {} as Record<EntityKey, EntityCounts>;
  for (const entity of ["customers", "locations", "contacts", "contracts"] as const) {
    const [row] = await sql.query<{ inserted: number; updated: number }>(MERGE[entity]);
    const inserted = row?.inserted ?? 0;
    const updated = row?.updated ?? 0;
    counts[entity] = {
      inserted,
      updated,
      unchanged: stager.staged[entity] - inserted - updated,
      removed: removing[entity],
    };
  }
  for (const entity of ["locations", "customers"] as const)
    for (const statement of removeStatements(entity)) await sql.query(statement);
  let emailRowsWritten = 0;
  for (const entity of ["customers", "contacts", "locations"] as const) {
    const c = counts[entity];
    if (c.inserted + c.updated === 0) continue;
    const written = c.unchanged > 0 ? "some" : c.updated > 0 ? "all" : "all-new";
    for (const statement of replaceEmails(entity, written)) {
      const [row] = await sql.query<{ n?: number }>(statement);
      emailRowsWritten += row?.n ?? 0;
    }
  }

  report({ phase: "access", records, bytes: source.progress() });
  const access = await recheckAccess(sql);
  return {
    mode: snapshot ? "snapshot" : "delta",
    ...counts,
    emailAddresses: stager.emailRows,
    emailRowsWritten,
    rowsWritten:
      ENTITY_KEYS.reduce(
        (sum, e) => sum + counts[e].inserted + counts[e].updated + counts[e].removed,
        0,
      ) + emailRowsWritten,
    notStored: notStoredIds,
    access,
  } satisfies ImportSummary;
}

/** A snapshot that would remove more than the limit of any entity's stored records is refused whole. */
async function guardRemovals(
  sql: SqlRunner,
  removing: Record<EntityKey, number>,
  maxPercent = DEFAULT_MAX_REMOVAL_PERCENT,
) {
  const refused: { text: string; percent: number }[] = [];
  for (const entity of ENTITY_KEYS) {
    if (removing[entity] === 0) continue;
    const [row] = await sql.query<{ n: number }>(storedCount(entity));
    const stored = row?.n ?? 0;
    const percent = (100 * removing[entity]) / stored;
    if (percent > maxPercent)
      refused.push({
        percent,
        text: `${entity}: the snapshot would remove ${removing[entity]} of the ${stored} stored (${percent.toFixed(1)}%), more than the ${maxPercent}% limit`,
      });
  }
  if (refused.length === 0) return;
  const needed = Math.ceil(Math.max(...refused.map((r) => r.percent)));
  throw new ServicingImportError([
    ...refused.map((r) => r.text),
    `a truncated export looks like this; if these removals are meant, import it with --max-removal-percent ${needed}`,
  ]);
}

/**
 * Every grant re-checked against the servicing data as it now stands, in one statement that also
 * writes an audit event for each grant suspended or reinstated.
 */
async function recheckAccess(sql: SqlRunner): Promise<ImportSummary["access"]> {
  const [changed] = await sql.query<{ suspended: number; reinstated: number }>(`
    WITH changed AS (${RECHECK_GRANTS}),
    audited AS (${insertAuditEvents(`(
      SELECT 'CUSTOMER_ACCESS' AS event_type,
             CASE WHEN reinstated THEN 'REINSTATED' ELSE 'SUSPENDED' END AS outcome,
             'SERVICING_IMPORT' AS reason, email, user_id, customer_id FROM changed) AS a`)})
    SELECT count(*) FILTER (WHERE NOT reinstated)::int AS suspended,
           count(*) FILTER (WHERE reinstated)::int AS reinstated FROM changed`);
  const [total] = await sql.query<{ total: number; suspended: number }>(COUNT_GRANTS);
  return {
    grants: total?.total ?? 0,
    suspended: total?.suspended ?? 0,
    newlySuspended: changed?.suspended ?? 0,
    reinstated: changed?.reinstated ?? 0,
  };
}
