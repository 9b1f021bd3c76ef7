import type { HttpBench, HttpLevel, HttpRun } from "./bench-http";
import type { SyncBench, SyncImport } from "./bench-sync";
import {
  type Figure,
  type TargetVerdict,
  judgeAtLeast,
  judgeAtMost,
  median,
  noiseBand,
  summarize,
} from "./bench-rounds";
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
  /** The first JSON import (the database the decisions use), and at the smallest size the first CSV one. */
  imports: ImportRun[];
  /** At the smallest size: the imports in rounds (JSON, CSV, JSON again), JSON against itself as their noise. */
  importRounds: {
    json: ImportRun[];
    csv: ImportRun[];
    jsonAgain: ImportRun[];
    noise: number[];
  } | null;
  /** All our (and the naive scan's) samples together. */
  ours: Percentiles & { unexpected: number };
  naive: Percentiles & { unexpected: number };
  /** The same, round by round, with the noise beside them (see measureDecisionRounds). */
  rounds: {
    oursP50: number[];
    oursP99: number[];
    naiveP50: number[];
    speedup: number[];
    noiseP50: number[];
    noiseP99: number[];
  };
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
  /** With --baseline-api: the other build whose selfEnroll ran in the same rounds. */
  baselineApi?: string | null;
  rounds: number;
  sizes: SizeResult[];
  http: (HttpBench & { atCustomers: number }) | null;
  /** The servicing sync at the largest size (absent in files written before it existed). */
  sync?: SyncBench | null;
  targets: Target[];
  /** Every figure with its rounds and noise, for `pnpm bench --compare`. */
  figures: Figure[];
}

export interface Target {
  name: string;
  measured: string;
  verdict: TargetVerdict;
}

export const label = (n: number) =>
  n >= 1_000_000 && n % 1_000_000 === 0
    ? `${n / 1_000_000}M`
    : n >= 1000 && n % 1000 === 0
      ? `${n / 1000}k`
      : String(n);
const ms = (v: number) => `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
const percent = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
const mib = (bytes: number) => `${(bytes / (1 << 20)).toFixed(0)} MiB`;
const pad = (cells: string[], widths: number[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join("  ")
    .trimEnd();

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [
    pad(head, widths),
    pad(
      widths.map((w) => "-".repeat(w)),
      widths,
    ),
    ...rows.map((r) => pad(r, widths)),
  ].join("\n");
}

/** median [min–max] of rounds, each value formatted by `f`. */
const spread = (values: number[], f: (v: number) => string) => {
  const { median: m, min, max } = summarize(values);
  return values.length === 1 ? f(m) : `${f(m)} [${f(min)}–${f(max)}]`;
};
const band = (noise: number) => `noise ±${(noise * 100).toFixed(1)}%`;

/** The level whose median selfEnroll/trivial ratio is highest: the rate each sustains once saturated. */
export function bestLevel(http: HttpBench): HttpLevel {
  return http.levels.reduce((a, b) => (median(b.ratio) > median(a.ratio) ? b : a));
}

/** The targets of the issues, judged on the rounds against the noise beside them, plus the ones that show the import streams. */
export function evaluateTargets(
  sizes: SizeResult[],
  http: BenchResult["http"],
  sync: SyncBench | null = null,
): Target[] {
  const small = sizes[0]!;
  const large = sizes[sizes.length - 1]!;
  const L = label(large.customers);
  const S = label(small.customers);
  const p99Noise = Math.max(noiseBand(large.rounds.noiseP99), noiseBand(small.rounds.noiseP99));
  const p99Ratio = median(large.rounds.oursP99) / median(small.rounds.oursP99);
  const targets: Target[] = [
    {
      name: `decision p99 at ${L} <= 2 ms`,
      measured: `${spread(large.rounds.oursP99, ms)} (median of ${large.rounds.oursP99.length} rounds, ${band(noiseBand(large.rounds.noiseP99))})`,
      verdict: judgeAtMost(large.rounds.oursP99, 2, noiseBand(large.rounds.noiseP99)),
    },
    {
      name: `decision p99 at ${L} <= 1.5 x p99 at ${S} (cost stays flat)`,
      measured: `${p99Ratio.toFixed(2)} x (median p99 ${ms(median(large.rounds.oursP99))} / ${ms(median(small.rounds.oursP99))}, ${band(p99Noise)})`,
      verdict: judgeAtMost([p99Ratio], 1.5, p99Noise),
    },
    {
      name: `>= 100 x faster than the naive ILIKE scan at ${L} (p50)`,
      measured: `${spread(large.rounds.speedup, (v) => `${v.toFixed(0)} x`)} (${band(noiseBand(large.rounds.noiseP50))})`,
      verdict: judgeAtLeast(large.rounds.speedup, 100, 0, noiseBand(large.rounds.noiseP50)),
    },
  ];
  if (http) {
    const level = bestLevel(http);
    const noise = noiseBand(level.noise);
    targets.push({
      name: "selfEnroll throughput >= 60% of the trivial mutation (median of rounds; every round >= 50%)",
      measured: `${spread(level.ratio, percent)} at ${level.connections} connections (${spread(
        level.selfEnroll.map((r) => r.requestsPerSecond),
        (v) => v.toFixed(0),
      )} vs ${spread(
        level.trivial.map((r) => r.requestsPerSecond),
        (v) => v.toFixed(0),
      )} req/s, ${band(noise)})`,
      verdict: judgeAtLeast(level.ratio, 0.6, 0.5, noise),
    });
  }
  const largeImport = large.imports.find((i) => i.format === "json");
  const smallImport = small.imports.find((i) => i.format === "json");
  const passFail = (pass: boolean): TargetVerdict => (pass ? "PASS" : "FAIL");
  if (largeImport && smallImport) {
    targets.push({
      name: `import of ${L} customers in minutes (<= 15 min)`,
      measured: `${(largeImport.seconds / 60).toFixed(1)} min`,
      verdict: passFail(largeImport.seconds <= 900),
    });
    targets.push({
      name: `import peak RSS at ${L} <= 1.5 x at ${S} (streaming)`,
      measured: `${mib(largeImport.peakRssBytes)} vs ${mib(smallImport.peakRssBytes)}`,
      verdict: passFail(largeImport.peakRssBytes <= 1.5 * smallImport.peakRssBytes),
    });
  }
  const correct = sizes.every(
    (s) => s.ours.unexpected === 0 && s.naive.unexpected === 0 && s.disagreements === 0,
  );
  targets.push({
    name: "every decision as the generator expects, naive and ours agree",
    measured: correct ? "yes" : "NO",
    verdict: passFail(correct),
  });
  if (sync) targets.push(...syncTargets(sync));
  const seqScans = (large.plan.match(/Seq Scan/g) ?? []).length;
  targets.push({
    name: `eligibility plan at ${L} is index probes only`,
    measured: `${seqScans} sequential scans`,
    verdict: passFail(seqScans === 0),
  });
  return targets;
}

/** Every figure of a run, keyed so that two runs can be compared figure by figure. */
export function collectFigures(
  sizes: SizeResult[],
  http: BenchResult["http"],
  sync: SyncBench | null = null,
): Figure[] {
  const figures: Figure[] = [];
  for (const s of sizes) {
    const L = label(s.customers);
    // An import measured once (the largest size) borrows the noise of the imports measured in rounds.
    const importNoise = sizes.find((x) => x.importRounds)?.importRounds?.noise ?? null;
    const runsOf = (format: "json" | "csv"): ImportRun[] =>
      s.importRounds
        ? format === "json"
          ? s.importRounds.json
          : s.importRounds.csv
        : s.imports.filter((i) => i.format === format);
    for (const format of ["json", "csv"] as const) {
      const runs = runsOf(format);
      if (runs.length === 0) continue;
      figures.push({
        key: `import.${L}.${format}.seconds`,
        label: `import ${L} ${format}: seconds`,
        unit: "s",
        better: "lower",
        values: runs.map((r) => r.seconds),
        noise: importNoise,
        absolute: true,
      });
      figures.push({
        key: `import.${L}.${format}.peakRss`,
        label: `import ${L} ${format}: peak RSS`,
        unit: "MiB",
        better: "lower",
        values: runs.map((r) => r.peakRssBytes / (1 << 20)),
        noise: null,
        absolute: true,
        words: ["smaller", "larger"],
      });
    }
    const p50Noise = s.rounds.noiseP50;
    figures.push({
      key: `decision.${L}.p50`,
      label: `decision ${L}: p50`,
      unit: "ms",
      better: "lower",
      values: s.rounds.oursP50,
      noise: p50Noise,
      absolute: true,
    });
    figures.push({
      key: `decision.${L}.p99`,
      label: `decision ${L}: p99`,
      unit: "ms",
      better: "lower",
      values: s.rounds.oursP99,
      noise: s.rounds.noiseP99,
      absolute: true,
      tail: true,
    });
    figures.push({
      key: `decision.${L}.naive.p50`,
      label: `naive scan ${L}: p50`,
      unit: "ms",
      better: "lower",
      values: s.rounds.naiveP50,
      noise: p50Noise,
      absolute: true,
    });
    figures.push({
      key: `decision.${L}.speedup`,
      label: `ours vs naive ${L}: times faster (p50)`,
      unit: "x",
      better: "higher",
      values: s.rounds.speedup,
      noise: p50Noise,
    });
  }
  // The p99 of the largest size over the smallest's is a target (evaluateTargets), not a compared
  // figure: a ratio of two tails moves between runs by more than either, and each p99 is compared.
  for (const level of http?.levels ?? []) {
    const c = level.connections;
    const noise = level.noise;
    const rate = (runs: HttpRun[]) => runs.map((r) => r.requestsPerSecond);
    const trivial = rate(level.trivial).map(
      (t, i) => (t + level.trivialAgain[i]!.requestsPerSecond) / 2,
    );
    figures.push({
      key: `http.${c}.trivial.rps`,
      label: `trivial mutation at ${c}: req/s`,
      unit: "req/s",
      better: "higher",
      values: trivial,
      noise,
      absolute: true,
    });
    figures.push({
      key: `http.${c}.selfEnroll.rps`,
      label: `selfEnroll at ${c}: req/s`,
      unit: "req/s",
      better: "higher",
      values: rate(level.selfEnroll),
      noise,
      reference: `http.${c}.trivial.rps`,
      absolute: true,
    });
    figures.push({
      key: `http.${c}.selfEnroll.p99`,
      label: `selfEnroll at ${c}: p99`,
      unit: "ms",
      better: "lower",
      values: level.selfEnroll.map((r) => r.p99),
      noise,
      reference: `http.${c}.trivial.rps`,
      absolute: true,
      tail: true,
    });
    figures.push({
      key: `http.${c}.ratio`,
      label: `selfEnroll / trivial at ${c}`,
      unit: "%",
      better: "higher",
      values: level.ratio.map((r) => r * 100),
      noise,
    });
    if (level.baseline) {
      figures.push({
        key: `http.${c}.vsBaseline`,
        label: `selfEnroll, this build / baseline build at ${c}`,
        unit: "%",
        better: "higher",
        values: level.baseline.ratio.map((r) => r * 100),
        noise,
      });
    }
  }
  if (sync) {
    const L = label(sync.atCustomers);
    const importNoise = sizes.find((x) => x.importRounds)?.importRounds?.noise ?? null;
    const seconds = (key: string, name: string, value: number) =>
      figures.push({
        key: `sync.${L}.${key}`,
        label: `sync ${L}: ${name}`,
        unit: "s",
        better: "lower",
        values: [value],
        noise: importNoise,
        absolute: true,
      });
    seconds("sameSnapshot", "snapshot, same file", sync.sameSnapshot.seconds);
    seconds("changedSnapshot", "snapshot, 1% changed", sync.changedSnapshot.seconds);
    seconds("delta", "delta visible", sync.delta.visibleSeconds);
    seconds("recheck", "grant re-check", sync.recheck.seconds);
  }
  return figures;
}

/** The servicing-sync targets of the "Servicing sync that follows ASPIRE" issue. */
function syncTargets(sync: SyncBench): Target[] {
  const L = label(sync.atCustomers);
  const first = sync.firstImportSeconds;
  const share = (i: SyncImport) =>
    `${((100 * i.seconds) / first).toFixed(0)}% of the first import's ${first.toFixed(1)} s`;
  const passFail = (pass: boolean): TargetVerdict => (pass ? "PASS" : "FAIL");
  const c = sync.changedSnapshot.summary.customers;
  return [
    {
      name: `snapshot re-import of the same file at ${L}: 0 rows written`,
      measured: `${sync.sameSnapshot.rowsWritten} rows written`,
      verdict: passFail(sync.sameSnapshot.rowsWritten === 0),
    },
    {
      name: `snapshot re-import of the same file at ${L} <= 50% of the first import's time`,
      measured: `${sync.sameSnapshot.seconds.toFixed(1)} s, ${share(sync.sameSnapshot)}`,
      verdict: passFail(sync.sameSnapshot.seconds <= first / 2),
    },
    {
      name: `snapshot with 1% of customers changed and 0.5% removed at ${L} <= 50% of the first import's time`,
      measured: `${sync.changedSnapshot.seconds.toFixed(1)} s, ${share(sync.changedSnapshot)} (customers ${c.updated} updated, ${c.removed} removed; ${sync.changedSnapshot.rowsWritten} rows written)`,
      verdict: passFail(sync.changedSnapshot.seconds <= first / 2),
    },
    {
      name: `delta of ${sync.delta.records} records committed and visible to selfEnroll <= 2 s from the command's start`,
      measured: `${sync.delta.visibleSeconds.toFixed(2)} s (import ${sync.delta.seconds.toFixed(2)} s inside the command; seen: ${sync.delta.visible ? "yes" : "NO"}); with ${sync.recheck.accounts} accounts: ${sync.deltaWithAccounts.visibleSeconds.toFixed(2)} s`,
      verdict: passFail(
        sync.delta.visible && sync.deltaWithAccounts.visible && sync.delta.visibleSeconds <= 2,
      ),
    },
    {
      name: `grant re-check with ${label(sync.recheck.requested)} accounts <= 5 s`,
      measured: `${sync.recheck.seconds.toFixed(2)} s (${sync.recheck.grants} grants of ${sync.recheck.accounts} accounts)`,
      verdict: passFail(sync.recheck.seconds <= 5),
    },
  ];
}

function renderSync(sync: SyncBench): string[] {
  const L = label(sync.atCustomers);
  const row = (name: string, i: SyncImport) => {
    const e = (k: "customers" | "contacts" | "locations" | "contracts") => {
      const c = i.summary[k];
      return `${c.inserted}/${c.updated}/${c.removed}`;
    };
    return [
      name,
      i.seconds.toFixed(2),
      i.wallSeconds.toFixed(2),
      String(i.rowsWritten),
      e("customers"),
      e("contacts"),
      e("contracts"),
      `${i.summary.access.newlySuspended}/${i.summary.access.reinstated} of ${i.summary.access.grants}`,
    ];
  };
  return [
    `Servicing sync at ${L} (the import CLI as an operator runs it; new/updated/removed per entity)`,
    table(
      [
        "file",
        "import s",
        "command s",
        "rows written",
        "customers",
        "contacts",
        "contracts",
        "grants suspended/reinstated",
      ],
      [
        row("snapshot, same file", sync.sameSnapshot),
        row(
          `snapshot, ${sync.changedSnapshot.changedCustomers} customers changed, ${sync.changedSnapshot.removedCustomers} removed`,
          sync.changedSnapshot,
        ),
        row(`delta, ${sync.delta.records} records`, sync.delta),
        row(`delta again, ${sync.recheck.accounts} accounts`, sync.deltaWithAccounts),
      ],
    ),
    `first import ${sync.firstImportSeconds.toFixed(1)} s; delta seen by a decision ${sync.delta.visibleSeconds.toFixed(2)} s after the command started (${sync.deltaWithAccounts.visibleSeconds.toFixed(2)} s with the accounts); grant re-check alone: ${sync.recheck.seconds.toFixed(2)} s for ${sync.recheck.grants} grants of ${sync.recheck.accounts} accounts`,
    "",
  ];
}

export function renderReport(result: BenchResult): string {
  const out: string[] = [];
  out.push(`portal self-enrollment benchmark — ${result.date}`);
  out.push(`machine: ${result.machine}; database: ${result.database}`);
  out.push(`command: ${result.command}`, "");

  out.push(
    "Import (streaming JSON/CSV → staging → one transaction; at the smallest size in rounds: JSON, CSV, JSON again)",
  );
  out.push(
    table(
      [
        "customers",
        "round",
        "format",
        "file",
        "records",
        "addresses",
        "rows",
        "seconds",
        "rows/s",
        "peak RSS",
      ],
      result.sizes.flatMap((s) => {
        const rounds = s.importRounds;
        const runs: [string, ImportRun][] = rounds
          ? rounds.json.flatMap((json, i) => [
              [String(i + 1), json],
              [String(i + 1), rounds.csv[i]!],
              [String(i + 1), { ...rounds.jsonAgain[i]!, format: "json" as const }],
            ])
          : s.imports.map((i) => ["", i]);
        return runs.map(([round, i], n) => [
          n === 0 ? label(s.customers) : "",
          round,
          i.format,
          mib(s.fileBytes),
          String(i.records),
          String(i.emailAddresses),
          String(i.rows),
          i.seconds.toFixed(1),
          i.rowsPerSecond.toFixed(0),
          mib(i.peakRssBytes),
        ]);
      }),
    ),
  );
  for (const s of result.sizes) {
    if (s.importRounds)
      out.push(
        `import ${label(s.customers)}: JSON ${spread(
          s.importRounds.json.map((r) => r.seconds),
          (v) => `${v.toFixed(1)} s`,
        )}, CSV ${spread(
          s.importRounds.csv.map((r) => r.seconds),
          (v) => `${v.toFixed(1)} s`,
        )}; JSON against itself ${band(noiseBand(s.importRounds.noise))}`,
      );
  }
  out.push("");

  out.push(
    `Eligibility decision (validate + one facts query + decide; sequential, after a CHECKPOINT and a warm-up; ${result.rounds} rounds)`,
  );
  out.push(
    "median [min–max] over the rounds; noise = each round's odd probes against its even ones (timed alternately);",
  );
  out.push(
    "times faster = the naive scan against a batch of ours timed beside it, in rounds of their own",
  );
  out.push(
    table(
      [
        "customers",
        "ours p50",
        "ours p99",
        "n",
        "naive p50",
        "n",
        "times faster (p50)",
        "noise p50/p99",
        "unexpected",
      ],
      result.sizes.map((s) => [
        label(s.customers),
        spread(s.rounds.oursP50, ms),
        spread(s.rounds.oursP99, ms),
        String(s.ours.samples),
        spread(s.rounds.naiveP50, ms),
        String(s.naive.samples),
        spread(s.rounds.speedup, (v) => `${v.toFixed(0)} x`),
        `±${(noiseBand(s.rounds.noiseP50) * 100).toFixed(0)}% / ±${(noiseBand(s.rounds.noiseP99) * 100).toFixed(0)}%`,
        String(s.ours.unexpected + s.naive.unexpected + s.disagreements),
      ]),
    ),
  );
  if (result.sizes.length > 1) {
    const [a, b] = [result.sizes[0]!, result.sizes[result.sizes.length - 1]!];
    out.push(
      `ratio ${label(b.customers)}/${label(a.customers)} (medians): p50 ${(median(b.rounds.oursP50) / median(a.rounds.oursP50)).toFixed(2)}, p99 ${(median(b.rounds.oursP99) / median(a.rounds.oursP99)).toFixed(2)}`,
    );
  }
  const unflushed = result.sizes.filter((s) => !s.checkpointed).map((s) => label(s.customers));
  if (unflushed.length > 0)
    out.push(
      `note: no CHECKPOINT at ${unflushed.join(", ")} (the role may not): the server may have been flushing the import meanwhile`,
    );
  out.push("");

  if (result.http) {
    const h = result.http;
    out.push(
      `HTTP under load (autocannon, ${h.durationSeconds} s per run, ${label(h.atCustomers)} customers; ${h.rounds} interleaved rounds: trivial, selfEnroll, trivial again)`,
    );
    out.push(
      "trivial = signOut without a session (the whole server, no database); noise = the trivial mutation against itself",
    );
    out.push(
      table(
        [
          "connections",
          "round",
          "trivial req/s",
          "selfEnroll req/s",
          "selfEnroll p50/p99",
          "trivial again",
          "selfEnroll/trivial",
          "trivial/trivial",
          "responses (selfEnroll)",
        ],
        h.levels.flatMap((l) =>
          l.selfEnroll.map((run, i) => [
            i === 0 ? String(l.connections) : "",
            String(i + 1),
            l.trivial[i]!.requestsPerSecond.toFixed(0),
            run.requestsPerSecond.toFixed(0),
            `${run.p50} / ${run.p99} ms`,
            l.trivialAgain[i]!.requestsPerSecond.toFixed(0),
            percent(l.ratio[i]!),
            l.noise[i]!.toFixed(3),
            Object.entries(run.outcomes)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ") +
              (run.non2xx + run.errors > 0 ? `; non-2xx/errors ${run.non2xx + run.errors}` : ""),
          ]),
        ),
      ),
    );
    for (const l of h.levels) {
      out.push(
        `${l.connections} connections: selfEnroll/trivial throughput ${spread(l.ratio, percent)}, ${band(noiseBand(l.noise))}`,
      );
      if (l.baseline) {
        const noise = noiseBand(l.noise);
        const m = median(l.baseline.ratio);
        const verdict = Math.abs(m - 1) <= noise ? "within noise" : m > 1 ? "faster" : "slower";
        out.push(
          `${l.connections} connections: selfEnroll of this build / the baseline build (${result.baselineApi ?? "?"}) in the same rounds: ` +
            `${spread(l.baseline.ratio, percent)} (baseline ${spread(
              l.baseline.selfEnroll.map((r) => r.requestsPerSecond),
              (v) => v.toFixed(0),
            )} req/s), ${band(noise)}: ${verdict}`,
        );
      }
    }
    if (h.repeatedVisitors > 0)
      out.push(
        `note: ${h.repeatedVisitors} timed selfEnroll requests reused a visitor (too few distinct probes): repeat enrollments`,
      );
    out.push("");
  }

  if (result.sync) out.push(...renderSync(result.sync));

  const large = result.sizes[result.sizes.length - 1]!;
  out.push(`Eligibility plan at ${label(large.customers)} (EXPLAIN ANALYZE, one eligible probe)`);
  out.push(large.plan, "");

  out.push("Targets");
  for (const t of result.targets) out.push(`  [${t.verdict}] ${t.name}: ${t.measured}`);
  out.push(
    "WITHIN NOISE: the difference from the target is smaller than the noise measured beside it: no measurable difference.",
  );
  return out.join("\n");
}
