import { statSync } from "node:fs";
import path from "node:path";
import { writeCsvExport, writeJsonExport } from "./servicing-export.writer";
import { formatBytes, progressBar } from "@portal/api/cli/progress";
import { parseCliArgs } from "@portal/api/cli/args";

const USAGE =
  "usage: pnpm servicing:generate --customers N --out <file.json | dir> [--format json|csv] [--seed 42]";

/**
 * `pnpm servicing:generate` — writes a realistic servicing export (JSON file, or a folder of CSV
 * files) of N customers, the same bytes for the same seed.
 */
async function main() {
  const { values } = parseCliArgs(USAGE, {
    options: {
      customers: { type: "string" },
      out: { type: "string" },
      format: { type: "string" },
      seed: { type: "string", default: "42" },
      json: { type: "boolean", default: false },
    },
  });
  const customers = Number(values.customers);
  const seed = Number(values.seed);
  if (!values.out || !Number.isInteger(customers) || customers < 1 || !Number.isInteger(seed)) {
    console.error(USAGE);
    process.exit(2);
  }
  // pnpm runs package scripts in the package folder; resolve against where the user typed it.
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
  const format = values.format ?? (out.endsWith(".json") ? "json" : "csv");
  if (format !== "json" && format !== "csv") {
    console.error(USAGE);
    process.exit(2);
  }
  const started = Date.now();
  const bar = progressBar("generating", format === "json" ? customers * 4 : customers, "customers");
  const options = { seed, customers, onProgress: (done: number) => bar.update(done) };
  const counts =
    format === "json" ? await writeJsonExport(out, options) : await writeCsvExport(out, options);
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  const bytes =
    format === "json"
      ? statSync(out).size
      : ["customers", "contacts", "locations", "contracts"].reduce(
          (sum, e) => sum + statSync(path.join(out, `${e}.csv`)).size,
          0,
        );
  if (values.json) {
    console.log(JSON.stringify({ out, format, seed, counts, bytes, seconds }));
    return;
  }
  console.log(
    `Wrote ${out} (${format}, seed ${seed}, ${formatBytes(bytes)}) in ${seconds.toFixed(1)} s:`,
  );
  for (const [entity, n] of Object.entries(counts)) console.log(`  ${entity.padEnd(10)} ${n}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
