import { createReadStream, existsSync, statSync, type ReadStream } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse";
import { CSV_COLUMNS, type CsvEntity, csvColumnOf, csvRowToRecord } from "./servicing-csv.format";
import { ServicingImportError } from "./servicing-import.errors";
import { ID_FIELD, type RecordSource, type SourceItem, shownId } from "./servicing-source";

const ENTITY_ORDER = Object.keys(CSV_COLUMNS) as CsvEntity[];

/** The CSV files of an export: a folder holding `<entity>.csv` files, or the files themselves. */
export function csvFilesOf(paths: string[]): Map<CsvEntity, string> {
  const files = new Map<CsvEntity, string>();
  const problems: string[] = [];
  for (const given of paths) {
    if (existsSync(given) && statSync(given).isDirectory()) {
      for (const entity of ENTITY_ORDER) {
        const file = path.join(given, `${entity}.csv`);
        if (existsSync(file)) files.set(entity, file);
      }
      continue;
    }
    const entity = path.basename(given, ".csv") as CsvEntity;
    if (!ENTITY_ORDER.includes(entity) || !given.endsWith(".csv")) {
      problems.push(
        `${given}: a CSV file must be named ${ENTITY_ORDER.map((e) => `${e}.csv`).join(", ")}`,
      );
    } else if (!existsSync(given)) {
      problems.push(`${given}: no such file`);
    } else {
      files.set(entity, given);
    }
  }
  if (problems.length === 0 && files.size === 0) {
    problems.push(
      `${paths.join(", ")}: no ${ENTITY_ORDER.map((e) => `${e}.csv`).join(", ")} found`,
    );
  }
  if (problems.length > 0) throw new ServicingImportError(problems);
  return files;
}

/**
 * One CSV file per entity, read in entity order (customers, contacts, locations, contracts) with
 * csv-parse, one row at a time. The header row names the columns (any order; unknown ones are
 * ignored; a missing id column is refused); an empty cell is null.
 */
export function csvFilesSource(files: Map<CsvEntity, string>, label: string): RecordSource {
  const total = [...files.values()].reduce((sum, file) => sum + statSync(file).size, 0);
  let finishedBytes = 0;
  let current: ReadStream | null = null;
  return {
    label,
    describe: (entity, pos, id) => `${entity}.csv line ${pos}${shownId(entity, id)}`,
    fieldName: (_entity, p) => csvColumnOf(p),
    progress: () => ({ done: finishedBytes + (current?.bytesRead ?? 0), total }),
    async *items(): AsyncGenerator<SourceItem> {
      for (const entity of ENTITY_ORDER) {
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
              if (!(ID_FIELD[entity] in record)) {
                throw new ServicingImportError([
                  `${entity}.csv: the header row must name the columns ${CSV_COLUMNS[entity].join(", ")}`,
                ]);
              }
            }
            yield { entity, raw: csvRowToRecord(entity, record), pos: info.lines };
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
