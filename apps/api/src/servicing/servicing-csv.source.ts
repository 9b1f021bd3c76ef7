import { createReadStream, existsSync, statSync, type ReadStream } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse";
import { CSV_COLUMNS, type CsvEntity, csvColumnOf, csvRowToRecord } from "./servicing-csv.format";
import { ServicingImportError } from "./servicing-import.errors";
import {
  ID_FIELD,
  REMOVAL_ENTITY,
  type RecordSource,
  type SourceItem,
  shownId,
} from "./servicing-source";

const ENTITY_ORDER = Object.keys(CSV_COLUMNS) as CsvEntity[];
/** A delta's removals: `removed.csv` with the columns `entity` (customer, contact, …) and `id`. */
const REMOVED = "removed";
type CsvFile = CsvEntity | typeof REMOVED;
const FILE_ORDER: CsvFile[] = [...ENTITY_ORDER, REMOVED];
const FILE_NAMES = FILE_ORDER.map((e) => `${e}.csv`).join(", ");

/** The CSV files of an export: a folder holding `<entity>.csv` files, or the files themselves. */
export function csvFilesOf(paths: string[]): Map<CsvFile, string> {
  const files = new Map<CsvFile, string>();
  const problems: string[] = [];
  for (const given of paths) {
    if (existsSync(given) && statSync(given).isDirectory()) {
      for (const entity of FILE_ORDER) {
        const file = path.join(given, `${entity}.csv`);
        if (existsSync(file)) files.set(entity, file);
      }
      continue;
    }
    const entity = path.basename(given, ".csv") as CsvFile;
    if (!FILE_ORDER.includes(entity) || !given.endsWith(".csv")) {
      problems.push(`${given}: a CSV file must be named ${FILE_NAMES}`);
    } else if (!existsSync(given)) {
      problems.push(`${given}: no such file`);
    } else {
      files.set(entity, given);
    }
  }
  if (problems.length === 0 && files.size === 0) {
    problems.push(`${paths.join(", ")}: no ${FILE_NAMES} found`);
  }
  if (problems.length > 0) throw new ServicingImportError(problems);
  return files;
}

/**
 * One CSV file per entity, read in entity order (customers, contacts, locations, contracts) with
 * csv-parse, one row at a time. The header row names the columns (any order; unknown ones are
 * ignored; a missing id column is refused); an empty cell is null.
 */
export function csvFilesSource(files: Map<CsvFile, string>, label: string): RecordSource {
  const total = [...files.values()].reduce((sum, file) => sum + statSync(file).size, 0);
  let finishedBytes = 0;
  let current: ReadStream | null = null;
  return {
    label,
    describe: (entity, pos, id) => `${entity}.csv line ${pos}${shownId(entity, id)}`,
    describeRemoval: (_entity, pos) => `removed.csv line ${pos}`,
    fieldName: (_entity, p) => csvColumnOf(p),
    progress: () => ({ done: finishedBytes + (current?.bytesRead ?? 0), total }),
    async *items(): AsyncGenerator<SourceItem> {
      for (const entity of FILE_ORDER) {
        const file = files.get(entity);
        if (!file) continue;
        current = createReadStream(file, { highWaterMark: 1 << 20 });
        const rows = current.pipe(
          parse({ columns: true, bom: true, skip_empty_lines: true, info: true }),
        );
        let checkedHeader = false;
        try {
          for await (const { record, info } of rows as AsyncIterable<{
            record: Record<string, string>;
            info: { lines: number };
          }>) {
            if (!checkedHeader) {
              checkedHeader = true;
              const required = entity === REMOVED ? ["entity", "id"] : [ID_FIELD[entity]];
              if (!required.every((column) => column in record)) {
                const columns = entity === REMOVED ? required : CSV_COLUMNS[entity];
                throw new ServicingImportError([
                  `${entity}.csv: the header row must name the columns ${columns.join(", ")}`,
                ]);
              }
            }
            if (entity !== REMOVED) {
              yield { entity, raw: csvRowToRecord(entity, record), pos: info.lines };
              continue;
            }
            const removed = REMOVAL_ENTITY[(record.entity ?? "").trim().toLowerCase()];
            if (removed)
              yield { removed, raw: record.id === "" ? null : record.id, pos: info.lines };
            else
              yield {
                problem: `removed.csv line ${info.lines}: entity: must be one of ${Object.keys(REMOVAL_ENTITY).join(", ")} (not ${JSON.stringify(record.entity)})`,
              };
          }
        } catch (error) {
          if (error instanceof ServicingImportError) throw error;
          throw new ServicingImportError([`${entity}.csv: ${(error as Error).message}`]);
        } finally {
          finishedBytes += statSync(file).size;
          current.destroy();
          current = null;
        }
      }
    },
  };
}
