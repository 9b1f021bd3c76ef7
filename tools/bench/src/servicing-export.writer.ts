import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import path from "node:path";
import { stringify } from "csv-stringify/sync";
import {
  CSV_COLUMNS,
  type CsvEntity,
  recordToCsvRow,
} from "@portal/api/servicing/servicing-csv.format";
import { ENTITIES } from "@portal/api/servicing/servicing-file.schema";
import {
  type GeneratedCounts,
  type GeneratedCustomer,
  generateCustomer,
} from "./servicing-generator";

const FLUSH_EVERY = 2000;

/** Writes text to a file stream, waiting whenever the stream asks to (memory stays flat). */
class Sink {
  private readonly stream: WriteStream;
  constructor(file: string) {
    this.stream = createWriteStream(file);
  }
  async write(text: string): Promise<void> {
    if (!this.stream.write(text))
      await new Promise<void>((resolve) => this.stream.once("drain", resolve));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.once("error", reject);
      this.stream.end(resolve);
    });
  }
}

const recordsOf = (generated: GeneratedCustomer, entity: CsvEntity): object[] =>
  entity === "customers" ? [generated.customer] : generated[entity];

function emptyCounts(): GeneratedCounts {
  return { customers: 0, contacts: 0, locations: 0, contracts: 0 };
}

/**
 * `{"customers": [...], "contacts": [...], ...}`, one record per line. Customers are generated
 * once per section (4 passes) so that nothing but one chunk of text is ever held.
 */
export async function writeJsonExport(
  file: string,
  options: {
    seed: number;
    customers: number;
    onProgress?: (done: number, total: number) => void;
    /** Changes customer `index` (with its records), or leaves it out (null): a later export. */
    vary?: (index: number, generated: GeneratedCustomer) => GeneratedCustomer | null;
  },
): Promise<GeneratedCounts> {
  const sink = new Sink(file);
  const counts = emptyCounts();
  const total = options.customers * ENTITIES.length;
  await sink.write("{\n");
  for (const [s, { key }] of ENTITIES.entries()) {
    await sink.write(`${s > 0 ? ",\n" : ""}"${key}": [`);
    let first = true;
    let chunk = "";
    for (let i = 0; i < options.customers; i++) {
      const generated = generateCustomer(options.seed, i);
      const customer = options.vary ? options.vary(i, generated) : generated;
      for (const record of customer ? recordsOf(customer, key) : []) {
        chunk += `${first ? "\n" : ",\n"}${JSON.stringify(record)}`;
        first = false;
        counts[key]++;
      }
      if ((i + 1) % FLUSH_EVERY === 0) {
        await sink.write(chunk);
        chunk = "";
        options.onProgress?.(s * options.customers + i + 1, total);
      }
    }
    await sink.write(`${chunk}\n]`);
  }
  await sink.write("\n}\n");
  await sink.close();
  options.onProgress?.(total, total);
  return counts;
}

/** `customers.csv`, `contacts.csv`, `locations.csv`, `contracts.csv` in `dir`, in one pass. */
export async function writeCsvExport(
  dir: string,
  options: { seed: number; customers: number; onProgress?: (done: number, total: number) => void },
): Promise<GeneratedCounts> {
  mkdirSync(dir, { recursive: true });
  const entities = Object.keys(CSV_COLUMNS) as CsvEntity[];
  const sinks = new Map(
    entities.map((entity) => [entity, new Sink(path.join(dir, `${entity}.csv`))]),
  );
  const counts = emptyCounts();
  const pending = new Map<CsvEntity, (string | null)[][]>(
    entities.map((e) => [e, [[...CSV_COLUMNS[e]]]]),
  );
  const flush = async () => {
    for (const entity of entities) {
      const rows = pending.get(entity)!;
      if (rows.length > 0) await sinks.get(entity)!.write(stringify(rows));
      pending.set(entity, []);
    }
  };
  for (let i = 0; i < options.customers; i++) {
    const generated = generateCustomer(options.seed, i);
    for (const entity of entities) {
      for (const record of recordsOf(generated, entity)) {
        pending.get(entity)!.push(recordToCsvRow(entity, record as Record<string, unknown>));
        counts[entity]++;
      }
    }
    if ((i + 1) % FLUSH_EVERY === 0) {
      await flush();
      options.onProgress?.(i + 1, options.customers);
    }
  }
  await flush();
  await Promise.all([...sinks.values()].map((sink) => sink.close()));
  options.onProgress?.(options.customers, options.customers);
  return counts;
}
