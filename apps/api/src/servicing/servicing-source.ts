import type { EntityKey } from "./servicing-file.schema";

/** One record as read from a file, not yet validated; `pos` is its index (JSON) or line (CSV). */
export interface SourceRecord {
  entity: EntityKey;
  raw: unknown;
  pos: number;
}

/**
 * One id of a delta file's `removed` lists (JSON `removed.contacts[2]`, CSV `removed.csv` line 3), not
 * yet validated.
 */
export interface SourceRemoval {
  removed: EntityKey;
  raw: unknown;
  pos: number;
}

/** A problem with the file's shape rather than with one record (`customers: must be an array`). */
export interface SourceProblem {
  problem: string;
}

export type SourceItem = SourceRecord | SourceRemoval | SourceProblem;

/**
 * Where an import reads its records from: a JSON file, a folder of CSV files, or arrays in memory.
 * Records arrive one at a time, in file order; nothing requires the whole file in memory.
 */
export interface RecordSource {
  /** Shown in the summary: the file or folder name. */
  readonly label: string;
  items(): AsyncIterable<SourceItem>;
  /** Names a record in a problem: `contracts[3] (contractId "LSE-9")`, `contracts.csv line 5 (…)`. */
  describe(entity: EntityKey, pos: number, id: string | number | null): string;
  /** Names an entry of the removed lists: `removed.contacts[2]`, `removed.csv line 3`. */
  describeRemoval(entity: EntityKey, pos: number): string;
  /** Names a field in a problem, as the file calls it. */
  fieldName(entity: EntityKey, path: readonly PropertyKey[]): string;
  /** Bytes read so far and in all, for a progress bar; null when unknown. */
  progress(): { done: number; total: number } | null;
}

export const ID_FIELD: Record<EntityKey, string> = {
  customers: "customerId",
  contacts: "contactId",
  locations: "locationId",
  contracts: "contractId",
};

export const isProblem = (item: SourceItem): item is SourceProblem => "problem" in item;
export const isRemoval = (item: SourceItem): item is SourceRemoval => "removed" in item;

/** The singular names of removed.csv's `entity` column. */
export const REMOVAL_ENTITY: Record<string, EntityKey> = {
  customer: "customers",
  contact: "contacts",
  location: "locations",
  contract: "contracts",
};

/** The id as a record names itself, before validation (`(customerId "C1")`), if it has a usable one. */
export function shownId(entity: EntityKey, id: string | number | null): string {
  return id === null ? "" : ` (${ID_FIELD[entity]} ${JSON.stringify(id)})`;
}

export function rawId(entity: EntityKey, raw: unknown): string | number | null {
  const value =
    raw && typeof raw === "object" ? (raw as Record<string, unknown>)[ID_FIELD[entity]] : undefined;
  return typeof value === "string" || typeof value === "number" ? value : null;
}

/** A parsed export held in memory (tests, demo data): records named `customers[0]` as in JSON. */
export function memorySource(
  data: Partial<Record<EntityKey, readonly unknown[]>> & {
    removed?: Partial<Record<EntityKey, readonly unknown[]>>;
  },
  label = "(in memory)",
): RecordSource {
  return {
    label,
    // A source is an async iterable; this one has everything at hand already.
    // eslint-disable-next-line @typescript-eslint/require-await
    async *items(): AsyncGenerator<SourceItem> {
      for (const entity of Object.keys(ID_FIELD) as EntityKey[]) {
        const list = data[entity] ?? [];
        for (let pos = 0; pos < list.length; pos++) yield { entity, raw: list[pos], pos };
      }
      for (const entity of Object.keys(ID_FIELD) as EntityKey[]) {
        const list = data.removed?.[entity] ?? [];
        for (let pos = 0; pos < list.length; pos++) yield { removed: entity, raw: list[pos], pos };
      }
    },
    describe: (entity, pos, id) => `${entity}[${pos}]${shownId(entity, id)}`,
    describeRemoval: (entity, pos) => `removed.${entity}[${pos}]`,
    fieldName: (_entity, path) => path.map(String).join("."),
    progress: () => null,
  };
}
