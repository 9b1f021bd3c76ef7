import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { csvFilesOf, csvFilesSource } from "./servicing-csv.source";
import { ServicingImportError } from "./servicing-import.errors";
import { jsonFileSource } from "./servicing-json.source";
import type { RecordSource } from "./servicing-source";

/**
 * The source for what a person or a drop folder names: one JSON file, a folder of CSV files
 * (`customers.csv`, …, `removed.csv`), or the CSV files themselves.
 */
export function sourceForPaths(paths: string[], csv = false): RecordSource {
  const single = paths.length === 1 ? paths[0]! : null;
  const isFolder = single !== null && existsSync(single) && statSync(single).isDirectory();
  if (csv || isFolder || paths.every((p) => p.endsWith(".csv"))) {
    return csvFilesSource(csvFilesOf(paths), paths.map((p) => path.basename(p)).join(", "));
  }
  if (single === null)
    throw new ServicingImportError(["give one JSON file, or CSV files / a folder of CSV files"]);
  if (!single.endsWith(".json"))
    throw new ServicingImportError([
      `${path.basename(single)}: not a .json file, nor a folder of CSV files`,
    ]);
  return jsonFileSource(single);
}
