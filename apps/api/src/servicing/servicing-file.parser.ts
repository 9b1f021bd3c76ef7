import { normalizeContractId } from "@portal/matching";
import { ENTITIES, type ServicingExport } from "./servicing-file.schema";
import { ServicingImportError } from "./servicing-import.errors";

function describeRecord(entity: string, index: number, raw: unknown, idField: string): string {
  const value =
    raw && typeof raw === "object" ? (raw as Record<string, unknown>)[idField] : undefined;
  const shown =
    typeof value === "string" || typeof value === "number"
      ? ` (${idField} ${JSON.stringify(value)})`
      : "";
  return `${entity}[${index}]${shown}`;
}

/**
 * Validates a parsed servicing export record by record. Every problem names the record and the
 * field; a file with any problem is refused whole.
 */
export function parseServicingExport(raw: unknown): ServicingExport {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ServicingImportError([
      "the file must hold a JSON object with arrays customers, contacts, locations, contracts",
    ]);
  }
  const input = raw as Record<string, unknown>;
  const problems: string[] = [];
  const result: Record<string, unknown[]> = {};
  for (const { key, idField, record } of ENTITIES) {
    const list = input[key] ?? [];
    if (!Array.isArray(list)) {
      problems.push(`${key}: must be an array`);
      continue;
    }
    const seen = new Set<string>();
    result[key] = list.flatMap((item, index) => {
      const parsed = record.safeParse(item);
      const where = describeRecord(key, index, item, idField);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          problems.push(`${where}: ${issue.path.join(".") || "record"}: ${issue.message}`);
        }
        return [];
      }
      const recordId = (parsed.data as Record<string, string>)[idField]!;
      if (seen.has(recordId))
        problems.push(`${where}: ${idField}: appears more than once in the file`);
      seen.add(recordId);
      return [parsed.data];
    });
  }
  const data = result as unknown as ServicingExport;
  if (problems.length === 0) problems.push(...duplicateContractKeys(data));
  if (problems.length > 0) throw new ServicingImportError(problems);
  return data;
}

function duplicateContractKeys(data: ServicingExport): string[] {
  const byKey = new Map<string, string>();
  const problems: string[] = [];
  data.contracts.forEach((contract, index) => {
    const key = normalizeContractId(contract.contractId);
    const other = byKey.get(key);
    if (other !== undefined) {
      problems.push(
        `contracts[${index}] (contractId ${JSON.stringify(contract.contractId)}): contractId: same as ${JSON.stringify(other)} ignoring case and spaces`,
      );
    }
    byKey.set(key, contract.contractId);
  });
  return problems;
}
