import type { SqlRunner } from "../db/adapters";
import type { Database } from "../db/database";
import { ENTITIES, type EntityKey, type ServicingExport } from "./servicing-file.schema";
import { checkStagedFile } from "./servicing-references";
import { type RecordSource, isProblem, memorySource, rawId } from "./servicing-source";
import { ProblemList, Stager } from "./servicing-stager";
import {
  ANALYZE_STAGING,
  CREATE_STAGING,
  MERGE,
  REPLACE_EMAILS,
  VACUUM_ANALYZE_SERVICING,
} from "./servicing-staging.sql";

export interface EntityCounts {
  inserted: number;
  updated: number;
}

export interface ImportSummary {
  customers: EntityCounts;
  contacts: EntityCounts;
  locations: EntityCounts;
  contracts: EntityCounts;
  emailAddresses: number;
}

export type ImportPhase = "reading" | "checking" | "merging" | "analyzing";

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
}

const VACUUM_AFTER_ROWS = 10_000;

const RECORD_SCHEMA = Object.fromEntries(ENTITIES.map((e) => [e.key, e.record])) as Record<
  EntityKey,
  (typeof ENTITIES)[number]["record"]
>;

/**
 * Imports a servicing export from any source in one transaction:
 * 1. every record is validated as it is read and appended to TEMP staging tables, with its
 *    derived email addresses (the file itself is never held in memory);
 * 2. checks over the whole file in SQL: ids once per file, contract keys unique, references found
 *    in the file or the database, no key collision with a stored contract;
 * 3. set-based upserts from staging into the servicing tables and the email index.
 * Any problem throws ServicingImportError, naming records and fields, and rolls everything back.
 * Runs on a dedicated driver connection: bulk parameters through Prisma cost three times as much.
 */
export async function importServicingSource(
  db: Database,
  source: RecordSource,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const { summary, records } = await db.adapter.transaction((sql) =>
    stagedImport(sql, source, options),
  );
  await vacuumAfterBigImport(
    records + summary.emailAddresses,
    (statement) => db.adapter.exec(statement),
    options,
  );
  return summary;
}

/** Upserts a servicing export held in memory (tests, demo data): the same path as a file. */
export function importServicingExport(
  db: Database,
  data: ServicingExport,
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

/** The steps inside the import transaction. */
async function stagedImport(sql: SqlRunner, source: RecordSource, options: ImportOptions) {
  const report = options.onProgress ?? (() => {});
  let records = 0;
  for (const statement of CREATE_STAGING) await sql.query(statement);
  const problems = new ProblemList();
  const stager = new Stager(sql, options.batchSize ?? 5000);
  const progressEvery = 2000;
  report({ phase: "reading", records, bytes: source.progress() });
  for await (const item of source.items()) {
    if (isProblem(item)) {
      problems.add(item.problem);
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
  report({ phase: "checking", records, bytes: source.progress() });
  await sql.query(ANALYZE_STAGING);
  await checkStagedFile(sql, source, problems);
  problems.throwIfAny();

  report({ phase: "merging", records, bytes: source.progress() });
  const counts = {} as Record<EntityKey, EntityCounts>;
  for (const entity of ["customers", "locations", "contacts", "contracts"] as const) {
    const [row] = await sql.query<EntityCounts>(MERGE[entity]);
    counts[entity] = { inserted: row?.inserted ?? 0, updated: row?.updated ?? 0 };
  }
  for (const statement of REPLACE_EMAILS) await sql.query(statement);
  const summary: ImportSummary = { ...counts, emailAddresses: stager.emailRows };
  return { summary, records };
}
