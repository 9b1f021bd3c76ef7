import { decideEligibility, normalizeEnrollmentInput, validateEnrollmentInput } from "@portal/matching";
import type { EligibilityFacts } from "../enrollment/eligibility.repository";
import type { Probe } from "./bench-probes";
import { interleaved, ratios } from "./bench-rounds";
import { type Percentiles, percentiles } from "./bench-stats";

export interface FactsFinder {
  findFacts(normalizedEmail: string, contractKey: string): Promise<EligibilityFacts>;
}

export interface DecisionRun {
  latency: Percentiles;
  /** Each decision's milliseconds, in probe order. */
  times: number[];
  /** Probes whose outcome differed from what the generator says it must be. */
  unexpected: number;
  decisions: boolean[];
}

/** What EnrollmentService does before it writes anything: check, normalise, one facts query, decide. */
async function decide(finder: FactsFinder, probe: Probe): Promise<boolean> {
  const input = { firstName: "Bench", lastName: "Probe", email: probe.email, billingPostalCode: probe.billingPostalCode, contractId: probe.contractId };
  if (validateEnrollmentInput(input).length > 0) return false;
  const entered = normalizeEnrollmentInput(input);
  const facts = await finder.findFacts(entered.email, entered.contractId);
  return decideEligibility({ enteredPostalCode: entered.billingPostalCode, ...facts }).eligible;
}

/**
 * Sequential decisions (one client, as latency is what matters), after the untimed `warmup` ones.
 * Warm-up probes should be other customers than the timed ones: they warm the code (JIT), the
 * connection and its prepared statement, as in a server that has been running, without bringing the
 * timed customers' own pages into PostgreSQL's cache.
 */
export async function measureDecisions(finder: FactsFinder, probes: Probe[], warmup: Probe[]): Promise<DecisionRun> {
  for (const probe of warmup) await decide(finder, probe);
  const times: number[] = [];
  const decisions: boolean[] = [];
  let unexpected = 0;
  for (const probe of probes) {
    const started = process.hrtime.bigint();
    const eligible = await decide(finder, probe);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    decisions.push(eligible);
    if (eligible !== probe.eligible) unexpected++;
  }
  return { latency: percentiles(times), times, unexpected, decisions };
}

/** Our decisions and the naive scan, in interleaved rounds, with ours against itself beside them. */
export interface DecisionRounds {
  /** Per round: our decisions (both batches of the round together). */
  ours: Percentiles[];
  naive: Percentiles[];
  /** Per round: naive p50 ÷ ours p50, how many times faster the index probes are. */
  speedup: number[];
  /** Per round: ours against itself (second batch ÷ first), p50 and p99: what noise alone makes. */
  noiseP50: number[];
  noiseP99: number[];
  /** Over all rounds: decisions that differed from the generator's, ours and naive; probes where they disagreed. */
  unexpected: number;
  naiveUnexpected: number;
  disagreements: number;
  /** All our samples together. */
  oursAll: Percentiles;
  naiveAll: Percentiles;
}

function split<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, i) => items.slice(Math.floor((i * items.length) / parts), Math.floor(((i + 1) * items.length) / parts)));
}

/**
 * `rounds` rounds of: our decisions (a batch), the naive scan (its batch, the first probes of ours),
 * our decisions again (another batch); the order reversed every other round. Untimed warm-up first.
 */
export async function measureDecisionRounds(
  ours: FactsFinder,
  naive: FactsFinder,
  options: { probes: Probe[]; naiveProbes: number; warmup: Probe[]; rounds: number; say?: (line: string) => void },
): Promise<DecisionRounds> {
  for (const probe of options.warmup) await decide(ours, probe);
  for (const probe of options.warmup.slice(0, 3)) await decide(naive, probe);
  const batches = split(options.probes, options.rounds * 2);
  const naiveBatches = split(options.probes.slice(0, options.naiveProbes), options.rounds);
  let round = -1;
  const timed = async (finder: FactsFinder, probes: Probe[]) => {
    const run = await measureDecisions(finder, probes, []);
    return { ...run, probes, times: run.times };
  };
  const runs = await interleaved(
    options.rounds,
    {
      first: () => timed(ours, batches[2 * round]!),
      naive: () => timed(naive, naiveBatches[round]!),
      second: () => timed(ours, batches[2 * round + 1]!),
    },
    (r) => {
      round = r;
      options.say?.(`decisions: round ${r + 1} of ${options.rounds}`);
    },
  );
  const oursRounds = runs.first.map((first, i) => percentiles([...first.times, ...runs.second[i]!.times]));
  const naiveRounds = runs.naive.map((n) => n.latency);
  // The naive batch is the first probes of the whole list, which the first rounds' batches hold.
  const oursDecisions = [...runs.first, ...runs.second].flatMap((r) => r.probes.map((p, i) => [p, r.decisions[i]] as const));
  const byProbe = new Map(oursDecisions);
  const disagreements = runs.naive.flatMap((r) => r.probes.map((p, i) => byProbe.get(p) !== r.decisions[i])).filter(Boolean).length;
  return {
    ours: oursRounds,
    naive: naiveRounds,
    speedup: ratios(naiveRounds.map((n) => n.p50), oursRounds.map((o) => o.p50)),
    noiseP50: ratios(runs.second.map((r) => r.latency.p50), runs.first.map((r) => r.latency.p50)),
    noiseP99: ratios(runs.second.map((r) => r.latency.p99), runs.first.map((r) => r.latency.p99)),
    unexpected: [...runs.first, ...runs.second].reduce((n, r) => n + r.unexpected, 0),
    naiveUnexpected: runs.naive.reduce((n, r) => n + r.unexpected, 0),
    disagreements,
    oursAll: percentiles([...runs.first, ...runs.second].flatMap((r) => r.times)),
    naiveAll: percentiles(runs.naive.flatMap((r) => r.times)),
  };
}
