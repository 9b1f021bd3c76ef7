import type { HttpBench, HttpRun } from "./bench-http";
import type { Percentiles } from "./bench-stats";

export interface ImportRun {
  format: "json" | "csv";
  records: number;
  emailAddresses: number;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  peakRssBytes: number;
}

export interface SizeResult {
  customers: number;
  fileBytes: number;
  generateSeconds: number;
  imports: ImportRun[];
  ours: Percentiles & { unexpected: number };
  naive: Percentiles & { unexpected: number };
  /** Probes where the naive scan and the index probes decided differently (must be 0). */
  disagreements: number;
  /** EXPLAIN (ANALYZE, BUFFERS) of the eligibility statement for one eligible probe. */
  plan: string;
  /** Whether the server took a CHECKPOINT after the import, before the decisions were timed. */
  checkpointed: boolean;
}

export interface BenchResult {
  date: string;
  machine: string;
  database: string;
  command: string;
  sizes: SizeResult[];
  http: (HttpBench & { atCustomers: number }) | null;
  targets: Target[];
}

export interface Target {
  name: string;
  measured: string;
  pass: boolean;
}

export const label = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
const rate = (run: HttpRun & { connections: number }) => `${run.requestsPerSecond.toFixed(0)} req/s at ${run.connections}`;
const mib = (bytes: number) => `${(bytes / (1 << 20)).toFixed(0)} MiB`;
const pad = (cells: string[], widths: number[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [pad(head, widths), pad(widths.map((w) => "-".repeat(w)), widths), ...rows.map((r) => pad(r, widths))].join("\n");
}

/** The pass/fail targets of the issue, plus the ones that show the import streams. */
export function evaluateTargets(sizes: SizeResult[], http: BenchResult["http"]): Target[] {
  const small = sizes[0]!;
  const large = sizes[sizes.length - 1]!;
  const L = label(large.customers);
  const S = label(small.customers);
  const targets: Target[] = [
    { name: `decision p99 at ${L} <= 2 ms`, measured: ms(large.ours.p99), pass: large.ours.p99 <= 2 },
    {
      name: `decision p99 at ${L} <= 1.5 x p99 at ${S} (cost stays flat)`,
      measured: `${(large.ours.p99 / small.ours.p99).toFixed(2)} x (${ms(large.ours.p99)} / ${ms(small.ours.p99)})`,
      pass: large.ours.p99 <= 1.5 * small.ours.p99,
    },
    {
      name: `>= 100 x faster than the naive ILIKE scan at ${L} (p50)`,
      measured: `${(large.naive.p50 / large.ours.p50).toFixed(0)} x (ours/naive = ${(large.ours.p50 / large.naive.p50).toPrecision(2)})`,
      pass: large.naive.p50 >= 100 * large.ours.p50,
    },
  ];
  if (http) {
    const ratio = http.selfEnroll.requestsPerSecond / http.trivial.requestsPerSecond;
    targets.push({
      name: "selfEnroll throughput >= 60% of the trivial mutation",
      measured: `${percent(ratio)} (${rate(http.selfEnroll)} vs ${rate(http.trivial)}, best rate of each over ${http.levels.map((l) => l.connections).join("/")} connections)`,
      pass: ratio >= 0.6,
    });
  }
  const largeImport = large.imports.find((i) => i.format === "json");
  const smallImport = small.imports.find((i) => i.format === "json");
  if (largeImport && smallImport) {
    targets.push({ name: `import of ${L} customers in minutes (<= 15 min)`, measured: `${(largeImport.seconds / 60).toFixed(1)} min`, pass: largeImport.seconds <= 900 });
    targets.push({
      name: `import peak RSS at ${L} <= 1.5 x at ${S} (streaming)`,
      measured: `${mib(largeImport.peakRssBytes)} vs ${mib(smallImport.peakRssBytes)}`,
      pass: largeImport.peakRssBytes <= 1.5 * smallImport.peakRssBytes,
    });
  }
  const correct = sizes.every((s) => s.ours.unexpected === 0 && s.naive.unexpected === 0 && s.disagreements === 0);
  targets.push({ name: "every decision as the generator expects, naive and ours agree", measured: correct ? "yes" : "NO", pass: correct });
  const seqScans = (large.plan.match(/Seq Scan/g) ?? []).length;
  targets.push({ name: `eligibility plan at ${L} is index probes only`, measured: `${seqScans} sequential scans`, pass: seqScans === 0 });
  return targets;
}

const httpRow = (name: string, run: HttpRun) => [
  name,
  run.requestsPerSecond.toFixed(0),
  `${run.p50} ms`,
  `${run.p99} ms`,
  String(run.requests),
  String(run.non2xx + run.errors),
  Object.entries(run.outcomes)
    .map(([k, v]) => `${k} ${v}`)
    .join(", "),
];

export function renderReport(result: BenchResult): string {
  const out: string[] = [];
  out.push(`portal self-enrollment benchmark — ${result.date}`);
  out.push(`machine: ${result.machine}; database: ${result.database}`);
  out.push(`command: ${result.command}`, "");

  out.push("Import (streaming JSON/CSV → staging → one transaction)");
  out.push(
    table(
      ["customers", "format", "file", "records", "addresses", "rows", "seconds", "rows/s", "peak RSS"],
      result.sizes.flatMap((s) =>
        s.imports.map((i) => [label(s.customers), i.format, mib(s.fileBytes), String(i.records), String(i.emailAddresses), String(i.rows), i.seconds.toFixed(1), i.rowsPerSecond.toFixed(0), mib(i.peakRssBytes)]),
      ),
    ),
    "",
  );

  out.push("Eligibility decision (validate + one facts query + decide; sequential, after a CHECKPOINT and a warm-up)");
  out.push(
    table(
      ["customers", "ours p50", "ours p99", "n", "naive p50", "naive p99", "n", "ours/naive p50", "ours/naive p99", "unexpected"],
      result.sizes.map((s) => [
        label(s.customers),
        ms(s.ours.p50),
        ms(s.ours.p99),
        String(s.ours.samples),
        ms(s.naive.p50),
        ms(s.naive.p99),
        String(s.naive.samples),
        (s.ours.p50 / s.naive.p50).toPrecision(2),
        (s.ours.p99 / s.naive.p99).toPrecision(2),
        String(s.ours.unexpected + s.naive.unexpected + s.disagreements),
      ]),
    ),
  );
  if (result.sizes.length > 1) {
    const [a, b] = [result.sizes[0]!, result.sizes[result.sizes.length - 1]!];
    out.push(`ratio ${label(b.customers)}/${label(a.customers)}: p50 ${(b.ours.p50 / a.ours.p50).toFixed(2)}, p99 ${(b.ours.p99 / a.ours.p99).toFixed(2)}`);
  }
  const unflushed = result.sizes.filter((s) => !s.checkpointed).map((s) => label(s.customers));
  if (unflushed.length > 0) out.push(`note: no CHECKPOINT at ${unflushed.join(", ")} (the role may not): the server may have been flushing the import meanwhile`);
  out.push("");

  if (result.http) {
    const h = result.http;
    out.push(`HTTP under load (autocannon, ${h.durationSeconds} s per run, ${label(h.atCustomers)} customers)`);
    out.push(
      table(
        ["connections", "mutation", "req/s", "p50", "p99", "requests", "non-2xx/errors", "responses", "selfEnroll/trivial"],
        h.levels.flatMap((l) => [
          [String(l.connections), ...httpRow("trivial (benchPing)", l.trivial), ""],
          ["", ...httpRow("selfEnroll", l.selfEnroll), percent(l.selfEnroll.requestsPerSecond / l.trivial.requestsPerSecond)],
        ]),
      ),
    );
    if (h.repeatedVisitors > 0) out.push(`note: ${h.repeatedVisitors} timed selfEnroll requests reused a visitor (too few distinct probes): repeat enrollments`);
    out.push(
      `throughput (best rate of each): selfEnroll ${rate(h.selfEnroll)} connections, trivial ${rate(h.trivial)}: ` +
        `selfEnroll/trivial throughput ${percent(h.selfEnroll.requestsPerSecond / h.trivial.requestsPerSecond)}`,
      "",
    );
  }

  const large = result.sizes[result.sizes.length - 1]!;
  out.push(`Eligibility plan at ${label(large.customers)} (EXPLAIN ANALYZE, one eligible probe)`);
  out.push(large.plan, "");

  out.push("Targets");
  for (const t of result.targets) out.push(`  [${t.pass ? "PASS" : "FAIL"}] ${t.name}: ${t.measured}`);
  return out.join("\n");
}
