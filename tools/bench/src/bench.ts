import "reflect-metadata";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { exitWithUsage, parseCliArgs } from "@portal/api/cli/args";
import { openDatabase, type Database } from "@portal/api/db/database";
import {
  EligibilityRepository,
  FACTS_STATEMENT,
} from "@portal/api/enrollment/eligibility.repository";
import { writeCsvExport, writeJsonExport } from "./servicing-export.writer";
import type { GeneratedCounts } from "./servicing-generator";
import { renderComparison } from "./bench-compare";
import { measureDecisionRounds } from "./bench-decision";
import {
  type BenchDatabase,
  DEFAULT_SERVER_URL,
  createBenchDatabase,
  serverVersion,
} from "./bench-databases";
import { benchHttp } from "./bench-http";
import { type SyncBench, type UseDatabase, benchSync } from "./bench-sync";
import { buildProbes, type Probe } from "./bench-probes";
import {
  type BenchResult,
  type ImportRun,
  type SizeResult,
  collectFigures,
  evaluateTargets,
  label,
  renderReport,
} from "./bench-report";
import { NaiveEligibilityRepository } from "./naive-eligibility";
import { interleaved, ratios } from "./bench-rounds";

const run = promisify(execFile);
/** The product's import CLI, exactly as an operator runs it (`pnpm servicing:import`). */
const IMPORT_CLI = require.resolve("@portal/api/cli/import");

interface Options {
  rounds: number;
  /** Rounds of the smallest size's imports (JSON, CSV, JSON again). */
  importRounds: number;
  sizes: number[];
  seed: number;
  probes: number;
  naiveProbes: number;
  warmup: number;
  connections: number[];
  duration: number;
  httpWarmup: number;
  /** The servicing sync at the largest size: records in the delta, accounts for the grant re-check. */
  deltaRecords: number;
  accounts: number;
  /** Whether the servicing sync runs (at the largest size). */
  sync: boolean;
  csv: boolean;
  kind: "postgres" | "embedded";
  serverUrl: string;
  jsonOut: string | null;
  /** The server the HTTP rounds load (default: this build's dist/main.js). */
  api: string | null;
  /** Another build's server, measured in the same HTTP rounds (a change's cost). */
  baselineApi: string | null;
  /**
   * --metrics-overhead: the baseline is this build with metrics off, and this build serves /metrics,
   * scraped every `scrapeSeconds` during the rounds (the cost of turning metrics on).
   */
  metricsOverhead: boolean;
  scrapeSeconds: number;
  compare: string | null;
  /** With --compare: compare this result file instead of running. */
  against: string | null;
}

const USAGE = `usage: pnpm bench [--quick | --smoke] [--rounds 5] [--sizes 100000,1000000] [--seed 42] [--probes 10000]
                  [--naive-probes 40] [--connections 64] [--duration 7] [--no-csv] [--no-sync] [--embedded] [--json <file>]
                  [--compare <base.json> [--against <now.json>]] [--api <main.js>]
                  [--baseline-api <other build's main.js>] [--metrics-overhead [--scrape-seconds 5]]
PostgreSQL at $DATABASE_URL, else ${DEFAULT_SERVER_URL}; see docs/performance.md.
--compare prints each figure's change from a base run (faster, slower or within noise); with --against it
compares two result files without running. --api loads another build's server in the HTTP rounds (the
decisions always run this build's statements). --baseline-api runs another build's server beside this one
and measures its selfEnroll in the same rounds: the cost of a change, with the noise beside it.
--metrics-overhead does the same with this build twice: METRICS_PORT off against on and scraped.`;

function readOptions(): Options {
  const { values } = parseCliArgs(USAGE, {
    options: {
      smoke: { type: "boolean", default: false },
      quick: { type: "boolean", default: false },
      rounds: { type: "string" },
      compare: { type: "string" },
      against: { type: "string" },
      api: { type: "string" },
      "baseline-api": { type: "string" },
      "metrics-overhead": { type: "boolean", default: false },
      "scrape-seconds": { type: "string" },
      sizes: { type: "string" },
      seed: { type: "string", default: "42" },
      probes: { type: "string" },
      "naive-probes": { type: "string" },
      connections: { type: "string" },
      duration: { type: "string" },
      "no-csv": { type: "boolean", default: false },
      "no-sync": { type: "boolean", default: false },
      embedded: { type: "boolean", default: false },
      json: { type: "string" },
    },
  });
  const smoke = values.smoke;
  const quick = values.quick;
  if (smoke && quick) exitWithUsage(USAGE, "--smoke and --quick: one or the other");
  if (values["metrics-overhead"] && values["baseline-api"])
    exitWithUsage(USAGE, "--metrics-overhead compares this build with itself: no --baseline-api");
  if (values.against && !values.compare)
    exitWithUsage(USAGE, "--against needs --compare <base.json>");
  /** The full run's value, or the quick run's, or the smoke run's. */
  const pick = <T>(full: T, fast: T, tiny: T) => (smoke ? tiny : quick ? fast : full);
  const whole = (name: string, v: string | undefined, fallback: number, min: number) => {
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      exitWithUsage(USAGE, `--${name}: a whole number, at least ${min}`);
    return n;
  };
  const sizes = (values.sizes ?? pick("100000,1000000", "20000,100000", "200,600"))
    .split(",")
    .map(Number);
  if (sizes.some((s) => !Number.isInteger(s) || s < 10))
    exitWithUsage(USAGE, "--sizes: comma-separated customer counts, each at least 10");
  return {
    rounds: whole("rounds", values.rounds, pick(5, 3, 2), 1),
    importRounds: pick(3, 2, 1),
    sizes: sizes.sort((a, b) => a - b),
    seed: whole("seed", values.seed, 42, 0),
    probes: whole("probes", values.probes, pick(10000, 3000, 100), 2),
    naiveProbes: whole("naive-probes", values["naive-probes"], pick(40, 15, 10), 1),
    warmup: pick(5000, 1000, 10),
    connections: connectionCounts(values.connections ?? pick("64", "64", "8")),
    duration: whole("duration", values.duration, pick(7, 4, 1), 1),
    httpWarmup: pick(3, 2, 1),
    deltaRecords: pick(1000, 1000, 50),
    accounts: pick(100_000, 20_000, 300),
    sync: !values["no-sync"],
    csv: !values["no-csv"],
    kind: values.embedded ? "embedded" : "postgres",
    serverUrl: process.env.DATABASE_URL || DEFAULT_SERVER_URL,
    jsonOut: values.json ?? null,
    api: values.api ? path.resolve(values.api) : null,
    baselineApi: values["metrics-overhead"]
      ? require.resolve("@portal/api/main")
      : values["baseline-api"]
        ? path.resolve(values["baseline-api"])
        : null,
    metricsOverhead: values["metrics-overhead"],
    scrapeSeconds: whole("scrape-seconds", values["scrape-seconds"], 5, 1),
    compare: values.compare ?? null,
    against: values.against ?? null,
  };
}

function connectionCounts(value: string): number[] {
  const counts = value.split(",").map(Number);
  if (counts.some((c) => !Number.isInteger(c) || c < 1))
    exitWithUsage(USAGE, "--connections: comma-separated connection counts, each at least 1");
  return [...new Set(counts)].sort((a, b) => a - b);
}

const say = (line: string) =>
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** The real import CLI as a child process: its own peak RSS, and exactly what an operator runs. */
async function importFile(
  bench: BenchDatabase,
  paths: string[],
  format: "json" | "csv",
): Promise<ImportRun> {
  const { stdout } = await run(process.execPath, [IMPORT_CLI, "--summary-json", ...paths], {
    env: { ...process.env, ...bench.env },
    maxBuffer: 1 << 20,
  });
  const s = JSON.parse(stdout.trim().split("\n").pop()!) as Omit<ImportRun, "format">;
  return {
    format,
    records: s.records,
    emailAddresses: s.emailAddresses,
    rows: s.rows,
    seconds: s.seconds,
    rowsPerSecond: s.rowsPerSecond,
    peakRssBytes: s.peakRssBytes,
  };
}

async function expectCounts(db: Database, counts: GeneratedCounts, addresses: number) {
  const [row] = await db.prisma.$queryRawUnsafe<Record<string, number>[]>(`SELECT
    (SELECT count(*)::int FROM servicing_customer) AS customers, (SELECT count(*)::int FROM servicing_contact) AS contacts,
    (SELECT count(*)::int FROM servicing_location) AS locations, (SELECT count(*)::int FROM servicing_contract) AS contracts,
    (SELECT count(*)::int FROM servicing_email_address) AS addresses`);
  const expected = { ...counts, addresses };
  if (JSON.stringify(row) !== JSON.stringify(expected)) {
    throw new Error(
      `imported rows ${JSON.stringify(row)} differ from the generated ${JSON.stringify(expected)}`,
    );
  }
}

/**
 * EXPLAIN ANALYZE of the statement EligibilityRepository prepares, for one probe (a batch of one),
 * with the generic plan the hot-path connections use (see db/adapters.ts).
 */
async function explainEligibility(db: Database, probe: Probe): Promise<string> {
  const literal = (value: string) => `ARRAY['${value.replace(/'/g, "''")}']`;
  const email = probe.email.trim().toLowerCase();
  const key = probe.contractId.trim().toUpperCase();
  return db.adapter.transaction(async (sql) => {
    await sql.query("SET LOCAL plan_cache_mode = force_generic_plan");
    await sql.query(`PREPARE bench_eligibility_facts AS ${FACTS_STATEMENT.text}`);
    const rows = await sql.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE bench_eligibility_facts(${literal(email)}, ${literal(key)})`,
    );
    await sql.query("DEALLOCATE bench_eligibility_facts");
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

async function benchSize(
  options: Options,
  customers: number,
  tmp: string,
  http: boolean,
): Promise<{ size: SizeResult; httpRun: BenchResult["http"]; sync: SyncBench | null }> {
  const L = label(customers);
  const file = path.join(tmp, `servicing-${L}.json`);
  say(`${L}: generating ${file}`);
  const started = Date.now();
  const counts = await writeJsonExport(file, { seed: options.seed, customers });
  const generateSeconds = (Date.now() - started) / 1000;
  const fileBytes = statSync(file).size;

  const bench = await createBenchDatabase(options.kind, L.toLowerCase(), options.serverUrl, tmp);
  try {
    say(`${L}: importing into ${bench.describe}`);
    const imports = [await importFile(bench, [file], "json")];
    let importRounds: SizeResult["importRounds"] = null;
    if (options.csv && customers === options.sizes[0]) {
      // The import's own noise: rounds of JSON, CSV and JSON again, each into a fresh database (the
      // first JSON is the one above, kept for the decisions). CSV must give the same rows as JSON.
      const dir = path.join(tmp, `servicing-${L}-csv`);
      await writeCsvExport(dir, { seed: options.seed, customers });
      const into = async (format: "json" | "csv") => {
        const fresh = await createBenchDatabase(
          options.kind,
          `${L.toLowerCase()}_${format}`,
          options.serverUrl,
          tmp,
        );
        try {
          const run = await importFile(fresh, [format === "json" ? file : dir], format);
          if (run.rows !== imports[0]!.rows)
            throw new Error(
              `${format} import wrote ${run.rows} rows, the first JSON import ${imports[0]!.rows}`,
            );
          return run;
        } finally {
          await fresh.drop();
        }
      };
      let first = true;
      const runs = await interleaved(
        options.importRounds,
        {
          json: async () => (first ? ((first = false), imports[0]!) : into("json")),
          csv: () => into("csv"),
          jsonAgain: () => into("json"),
        },
        (round) =>
          say(`${L}: import round ${round + 1} of ${options.importRounds} (JSON, CSV, JSON again)`),
      );
      importRounds = {
        ...runs,
        noise: ratios(
          runs.jsonAgain.map((r) => r.seconds),
          runs.json.map((r) => r.seconds),
        ),
      };
      imports.push(runs.csv[0]!);
      rmSync(dir, { recursive: true, force: true });
    }
    if (!http || !options.sync) rmSync(file);

    const db = await openDatabase(bench.target);
    let size: SizeResult;
    try {
      await expectCounts(db, counts, imports[0]!.emailAddresses);
      // The import leaves up to gigabytes of written pages for the server to flush: time the
      // decisions on the data at rest, not while that flush runs (pgbench likewise vacuums first).
      const checkpointed = await db.adapter.exec("CHECKPOINT").then(
        () => true,
        (error: unknown) => (
          say(`${L}: CHECKPOINT refused (${(error as Error).message}); decisions timed without it`),
          false
        ),
      );
      const probes = buildProbes(options.seed, customers, options.probes);
      // Warm-up on other picks of customers (pick seed 8; the timed ones use 7).
      const warmup = buildProbes(options.seed, customers, options.warmup, 8);
      say(
        `${L}: ${probes.length} decisions (index probes) after ${warmup.length} untimed, ${options.naiveProbes} naive, in ${options.rounds} rounds`,
      );
      const rounds = await measureDecisionRounds(
        new EligibilityRepository(db.sql),
        new NaiveEligibilityRepository(db.sql),
        {
          probes,
          naiveProbes: options.naiveProbes,
          warmup,
          rounds: options.rounds,
          say: (line) => say(`${L}: ${line}`),
        },
      );
      const plan = await explainEligibility(
        db,
        probes.find((p) => p.eligible)!,
      );
      size = {
        customers,
        fileBytes,
        generateSeconds,
        imports,
        importRounds,
        ours: { ...rounds.oursAll, unexpected: rounds.unexpected },
        naive: { ...rounds.naiveAll, unexpected: rounds.naiveUnexpected },
        rounds: {
          oursP50: rounds.ours.map((p) => p.p50),
          oursP99: rounds.ours.map((p) => p.p99),
          naiveP50: rounds.naive.map((p) => p.p50),
          speedup: rounds.speedup,
          noiseP50: rounds.noiseP50,
          noiseP99: rounds.noiseP99,
        },
        disagreements: rounds.disagreements,
        plan,
        checkpointed,
      };
    } finally {
      await db.close();
    }

    let httpRun: BenchResult["http"] = null;
    if (http) {
      say(
        `${L}: HTTP load, ${options.connections.join(", ")} connections, ${options.rounds} rounds`,
      );
      // Fresh probes (another pick seed): the decisions above created no accounts, but keep them apart
      // anyway. Enough for every timed selfEnroll request to be a new visitor at up to 4000 req/s.
      const seconds =
        options.httpWarmup + options.connections.length * options.rounds * options.duration;
      const probes = buildProbes(options.seed, customers, Math.max(2000, seconds * 4000), 99);
      // A PGlite folder belongs to one process: the baseline server gets a copy of the same data.
      const baselineDir =
        options.baselineApi && bench.env.DATA_DIR ? `${bench.env.DATA_DIR}-baseline` : null;
      if (baselineDir) cpSync(bench.env.DATA_DIR!, baselineDir, { recursive: true });
      const result = await benchHttp({
        mainJs: options.api ?? undefined,
        baselineMainJs: options.baselineApi ?? undefined,
        scrapeEverySeconds: options.metricsOverhead ? options.scrapeSeconds : undefined,
        env: bench.env,
        baselineEnv: baselineDir ? { ...bench.env, DATA_DIR: baselineDir } : undefined,
        probes,
        connections: options.connections,
        rounds: options.rounds,
        durationSeconds: options.duration,
        warmupSeconds: options.httpWarmup,
        say: (line) => say(`${L}: ${line}`),
      });
      if (result.scrapes !== undefined)
        say(`${L}: /metrics scraped ${result.scrapes} times during the rounds`);
      httpRun = { ...result, atCustomers: customers };
    }
    let sync: SyncBench | null = null;
    if (http && options.sync) {
      // After the HTTP rounds: the syncs below write a lot, and the rounds' accounts are realistic
      // company for the grant re-check.
      // PGlite's folder belongs to one process at a time: there the database is opened only between
      // the import CLI's runs.
      const held = options.kind === "postgres" ? await openDatabase(bench.target) : null;
      const useDb: UseDatabase = async (use) => {
        if (held) return use(held);
        const db = await openDatabase(bench.target);
        try {
          return await use(db);
        } finally {
          await db.close();
        }
      };
      try {
        sync = await benchSync({
          bench,
          useDb,
          file,
          tmp,
          seed: options.seed,
          customers,
          firstImportSeconds: imports[0]!.seconds,
          deltaRecords: options.deltaRecords,
          accounts: options.accounts,
          say: (line) => say(`${L}: ${line}`),
        });
      } finally {
        await held?.close();
        rmSync(file, { force: true });
      }
    }
    return { size, httpRun, sync };
  } finally {
    await bench.drop();
  }
}

/**
 * A result file, its figures computed again from the rounds it holds (so files written by an earlier
 * version of the bench are judged by today's definitions of spread and noise).
 */
function readResult(file: string): BenchResult {
  const result = JSON.parse(readFileSync(file, "utf8")) as Partial<BenchResult>;
  if (!Array.isArray(result.sizes) || !result.sizes.every((s) => s.rounds)) {
    exitWithUsage(
      USAGE,
      `${file} has no rounds: it was written before runs were made of rounds; run pnpm bench --json on that commit again`,
    );
  }
  return {
    ...(result as BenchResult),
    figures: collectFigures(result.sizes, result.http ?? null, result.sync ?? null),
  };
}

async function main() {
  const options = readOptions();
  if (options.compare && options.against) {
    console.log(
      renderComparison(
        readResult(options.compare),
        readResult(options.against),
        options.compare,
        options.against,
      ),
    );
    return;
  }
  const base = options.compare ? readResult(options.compare) : null;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "portal-bench-"));
  const started = Date.now();
  try {
    const sizes: SizeResult[] = [];
    let http: BenchResult["http"] = null;
    let sync: SyncBench | null = null;
    for (const customers of options.sizes) {
      const largest = customers === options.sizes[options.sizes.length - 1];
      const result = await benchSize(options, customers, tmp, largest);
      sizes.push(result.size);
      http ??= result.httpRun;
      sync ??= result.sync;
    }
    const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
    const result: BenchResult = {
      date: new Date().toISOString(),
      machine: `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`,
      database: await serverVersion(options.kind, options.serverUrl),
      command: `pnpm bench ${process.argv.slice(2).join(" ")}`.trim(),
      baselineApi: options.metricsOverhead
        ? `itself with METRICS_PORT=off; this build serves /metrics, scraped every ${options.scrapeSeconds} s`
        : options.baselineApi,
      rounds: options.rounds,
      sizes,
      http,
      sync,
      targets: evaluateTargets(sizes, http, sync),
      figures: collectFigures(sizes, http, sync),
    };
    console.log(renderReport(result));
    console.log(`\ntotal ${((Date.now() - started) / 60_000).toFixed(1)} min`);
    if (options.jsonOut) writeFileSync(options.jsonOut, `${JSON.stringify(result, null, 2)}\n`);
    if (base && options.compare)
      console.log(
        `\n${renderComparison(base, result, options.compare, options.jsonOut ?? "this run")}`,
      );
    const correctnessFailed = result.targets.some(
      (t) => t.verdict === "FAIL" && t.name.startsWith("every decision"),
    );
    process.exitCode = correctnessFailed ? 1 : 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
