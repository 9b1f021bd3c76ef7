import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { BenchResult } from "../src/bench/bench-report";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "bench-smoke-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * `pnpm bench --smoke`: the whole benchmark at tiny sizes (generate, import JSON and CSV through
 * the CLI, decisions with and without the index, HTTP load on the real server). Speed is not
 * asserted here, only that every step ran, gave the right answers and was reported.
 */
test("the benchmark's smoke run measures and prints every metric and every target", async () => {
  execFileSync("pnpm", ["build:api"], { cwd: REPO_ROOT, stdio: "ignore" });
  const out = path.join(tmp, "bench.json");
  const args = [path.join(REPO_ROOT, "apps/api/dist/bench/bench.js"), "--smoke", "--json", out];
  // On PostgreSQL when the suite runs there (CI), else on embedded PGlite folders.
  if (!process.env.DATABASE_URL) args.push("--embedded");
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: REPO_ROOT, maxBuffer: 16 << 20 });

  for (const section of ["Import (streaming", "Eligibility decision", "ratio 600/200", "HTTP under load", "selfEnroll/trivial throughput", "Eligibility plan at 600", "Targets"]) {
    expect(stdout).toContain(section);
  }
  for (const target of [
    "decision p99 at 600 <= 2 ms",
    "decision p99 at 600 <= 1.5 x p99 at 200",
    ">= 100 x faster than the naive ILIKE scan at 600",
    "selfEnroll throughput >= 60% of the trivial mutation",
    "import peak RSS at 600 <= 1.5 x at 200",
  ]) {
    expect(stdout).toMatch(new RegExp(`\\[(PASS|FAIL)\\] ${target.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  }
  expect(stdout).toContain("[PASS] every decision as the generator expects, naive and ours agree: yes");

  const result = JSON.parse(readFileSync(out, "utf8")) as BenchResult;
  expect(result.sizes.map((s) => s.customers)).toEqual([200, 600]);
  for (const size of result.sizes) {
    expect(size.ours).toMatchObject({ samples: 100, unexpected: 0 });
    expect(size.naive).toMatchObject({ samples: 10, unexpected: 0 });
    expect(size.disagreements).toBe(0);
    expect(size.ours.p99).toBeGreaterThan(0);
    expect(size.imports[0]!.peakRssBytes).toBeGreaterThan(0);
    expect(size.plan).toMatch(/servicing_email_address/);
    expect(size.checkpointed).toBe(true);
  }
  // JSON and CSV of the same data gave the same rows (the bench refuses to go on otherwise).
  expect(result.sizes[0]!.imports.map((i) => i.format)).toEqual(["json", "csv"]);
  expect(result.sizes[0]!.imports[1]!.rows).toBe(result.sizes[0]!.imports[0]!.rows);

  const http = result.http!;
  // Both mutations at each connection count; each one's throughput is its best level.
  expect(http.levels.map((l) => l.connections)).toEqual([2, 8]);
  for (const { trivial, selfEnroll } of http.levels) {
    expect(trivial.requests).toBeGreaterThan(0);
    expect(trivial.outcomes).toEqual({ ok: trivial.requests });
    expect(selfEnroll.requests).toBeGreaterThan(0);
    expect(selfEnroll.outcomes.RateLimited).toBeUndefined();
  }
  for (const mutation of ["trivial", "selfEnroll"] as const) {
    const rates = http.levels.map((l) => l[mutation].requestsPerSecond);
    expect(http[mutation].requestsPerSecond).toBe(Math.max(...rates));
    expect(http.levels.find((l) => l.connections === http[mutation].connections)![mutation].requestsPerSecond).toBe(http[mutation].requestsPerSecond);
  }
  expect(Object.keys(http.levels[0]!.selfEnroll.outcomes)).toEqual(expect.arrayContaining(["EnrollmentStarted"]));
  // 600 customers may not give every request a new visitor (it depends on the machine's speed): the
  // report says so exactly when it happened.
  if (http.repeatedVisitors > 0) expect(stdout).toContain(`note: ${http.repeatedVisitors} timed selfEnroll requests reused a visitor`);
  else expect(stdout).not.toContain("reused a visitor");
}, 600_000);
