import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { BenchResult } from "../../../tools/bench/src/bench-report";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-smoke-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * `pnpm bench --smoke`: the whole benchmark at tiny sizes (generate, import JSON and CSV through
 * the CLI, decisions with and without the index, HTTP load on the real server). Speed is not
 * asserted here, only that every step ran, gave the right answers and was reported.
 */
test("the benchmark's smoke run measures and prints every metric and every target", async () => {
  execFileSync("pnpm", ["build:bench"], { cwd: REPO_ROOT, stdio: "ignore" });
  const out = path.join(tmp, "bench.json");
  // The same build as its own baseline: the mechanism that measures a change's cost, at no cost here.
  const main = path.join(REPO_ROOT, "apps/api/dist/main.js");
  const args = [
    path.join(REPO_ROOT, "tools/bench/dist/bench.js"),
    "--smoke",
    "--json",
    out,
    "--baseline-api",
    main,
  ];
  // On PostgreSQL when the suite runs there (CI), else on embedded PGlite folders.
  if (!process.env.DATABASE_URL) args.push("--embedded");
  const { stdout } = await promisify(execFile)(process.execPath, args, {
    cwd: REPO_ROOT,
    maxBuffer: 16 << 20,
  });

  for (const section of [
    "Import (streaming",
    "Eligibility decision",
    "ratio 600/200",
    "HTTP under load",
    "selfEnroll/trivial throughput",
    "Eligibility plan at 600",
    "Servicing sync at 600",
    "Targets",
  ]) {
    expect(stdout).toContain(section);
  }
  for (const target of [
    "decision p99 at 600 <= 2 ms",
    "decision p99 at 600 <= 1.5 x p99 at 200",
    ">= 100 x faster than the naive ILIKE scan at 600",
    "selfEnroll throughput >= 60% of the trivial mutation",
    "import peak RSS at 600 <= 1.5 x at 200",
    "snapshot re-import of the same file at 600 <= 50% of the first import's time",
    "snapshot with 1% of customers changed and 0.5% removed at 600 <= 50% of the first import's time",
    "grant re-check with 300 accounts <= 5 s",
  ]) {
    expect(stdout).toMatch(
      new RegExp(`\\[(PASS|FAIL|WITHIN NOISE)\\] ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`),
    );
  }
  expect(stdout).toContain(
    "[PASS] every decision as the generator expects, naive and ours agree: yes",
  );
  // Correctness of the sync, whatever the speed: the same file again writes nothing, the changed
  // snapshot changes and removes what the generator changed and removed, the delta is seen.
  expect(stdout).toContain("[PASS] snapshot re-import of the same file at 600: 0 rows written");

  const result = JSON.parse(readFileSync(out, "utf8")) as BenchResult;
  expect(result.rounds).toBe(2);
  expect(result.sizes.map((s) => s.customers)).toEqual([200, 600]);
  for (const size of result.sizes) {
    // 100 probes in 2 rounds of two batches; 10 naive ones in 2 rounds.
    expect(size.ours).toMatchObject({ samples: 100, unexpected: 0 });
    expect(size.naive).toMatchObject({ samples: 10, unexpected: 0 });
    for (const series of Object.values(size.rounds)) expect(series).toHaveLength(2);
    expect(size.disagreements).toBe(0);
    expect(size.ours.p99).toBeGreaterThan(0);
    expect(size.imports[0]!.peakRssBytes).toBeGreaterThan(0);
    expect(size.plan).toMatch(/servicing_email_address/);
    expect(size.checkpointed).toBe(true);
  }
  // JSON and CSV of the same data gave the same rows (the bench refuses to go on otherwise), in a round
  // of JSON, CSV and JSON again at the smaller size; the larger one is imported once.
  expect(result.sizes[0]!.imports.map((i) => i.format)).toEqual(["json", "csv"]);
  expect(result.sizes[0]!.imports[1]!.rows).toBe(result.sizes[0]!.imports[0]!.rows);
  const importRounds = result.sizes[0]!.importRounds!;
  expect(
    [importRounds.json, importRounds.csv, importRounds.jsonAgain].map((runs) =>
      runs.map((r) => r.format),
    ),
  ).toEqual([["json"], ["csv"], ["json"]]);
  expect(importRounds.noise[0]).toBeCloseTo(
    importRounds.jsonAgain[0]!.seconds / importRounds.json[0]!.seconds,
    10,
  );
  expect(result.sizes[1]!.importRounds).toBeNull();

  // Each round ran the trivial mutation, selfEnroll and the trivial mutation again; the ratios are theirs.
  const level = result.http!.levels[0]!;
  expect(result.http!.levels.map((l) => l.connections)).toEqual([8]);
  for (const runs of [level.trivial, level.selfEnroll, level.trivialAgain])
    expect(runs).toHaveLength(2);
  for (const trivial of [...level.trivial, ...level.trivialAgain]) {
    expect(trivial.requests).toBeGreaterThan(0);
    expect(trivial.outcomes).toEqual({ SignedOut: trivial.requests });
  }
  for (const [i, run] of level.selfEnroll.entries()) {
    expect(run.requests).toBeGreaterThan(0);
    expect(run.outcomes.RateLimited).toBeUndefined();
    expect(level.ratio[i]).toBeCloseTo(
      run.requestsPerSecond /
        ((level.trivial[i]!.requestsPerSecond + level.trivialAgain[i]!.requestsPerSecond) / 2),
      10,
    );
    expect(level.noise[i]).toBeCloseTo(
      level.trivialAgain[i]!.requestsPerSecond / level.trivial[i]!.requestsPerSecond,
      10,
    );
  }
  expect(Object.keys(level.selfEnroll[0]!.outcomes)).toEqual(
    expect.arrayContaining(["EnrollmentStarted"]),
  );
  // The baseline build's selfEnroll ran in the same rounds, on new visitors of its own.
  expect(level.baseline!.selfEnroll).toHaveLength(2);
  for (const [i, run] of level.baseline!.selfEnroll.entries()) {
    expect(run.outcomes.RateLimited).toBeUndefined();
    expect(level.baseline!.ratio[i]).toBeCloseTo(
      level.selfEnroll[i]!.requestsPerSecond / run.requestsPerSecond,
      10,
    );
  }
  expect(stdout).toContain("selfEnroll of this build / the baseline build");
  // 600 customers may not give every request a new visitor (it depends on the machine's speed): the
  // report says so exactly when it happened.
  const sync = result.sync!;
  expect(sync.sameSnapshot.rowsWritten).toBe(0);
  expect(sync.sameSnapshot.summary.customers).toMatchObject({
    inserted: 0,
    updated: 0,
    removed: 0,
  });
  expect(sync.changedSnapshot.summary.customers).toMatchObject({
    inserted: 0,
    updated: sync.changedSnapshot.changedCustomers,
    removed: sync.changedSnapshot.removedCustomers,
  });
  expect(sync.changedSnapshot.removedCustomers).toBeGreaterThan(0);
  expect(sync.delta).toMatchObject({ records: 50, visible: true });
  expect(sync.deltaWithAccounts.visible).toBe(true);
  expect(sync.recheck.grants).toBeGreaterThanOrEqual(300);
  const { repeatedVisitors } = result.http!;
  if (repeatedVisitors > 0)
    expect(stdout).toContain(
      `note: ${repeatedVisitors} timed selfEnroll requests reused a visitor`,
    );
  else expect(stdout).not.toContain("reused a visitor");

  // A run compared with itself: every figure, no change, nothing beyond the noise.
  expect(result.figures.map((f) => f.key)).toEqual(
    expect.arrayContaining([
      "decision.600.p99",
      "decision.600.speedup",
      "http.8.ratio",
      "http.8.vsBaseline",
      "import.200.csv.seconds",
    ]),
  );
  const compared = await promisify(execFile)(
    process.execPath,
    [args[0]!, "--compare", out, "--against", out],
    { cwd: REPO_ROOT },
  );
  expect(compared.stdout).toContain("no measurable difference");
  expect(compared.stdout).toMatch(
    /selfEnroll \/ trivial at 8 +\S+ % +\S+ % +\+0\.0% .* within noise/,
  );
}, 600_000);
