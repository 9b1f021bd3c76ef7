import {
  decideEligibility,
  normalizeEnrollmentInput,
  validateEnrollmentInput,
} from "@portal/matching";
import type { EligibilityFacts } from "@portal/api/enrollment/eligibility.repository";
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
export async function decide(
  finder: FactsFinder,
  probe: Pick<Probe, "email" | "contractId" | "billingPostalCode">,
): Promise<boolean> {
  const input = {
    firstName: "Bench",
    lastName: "Probe",
    email: probe.email,
    billingPostalCode: probe.billingPostalCode,
    contractId: probe.contractId,
  };
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
export async function measureDecisions(
  finder: FactsFinder,
  probes: Probe[],
  warmup: Probe[],
): Promise<DecisionRun> {
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

/** Our decisions in rounds, with themselves as their noise, and paired with the naive scan in rounds. */
export interface DecisionRounds {
  /** Per round: our decisions (the whole batch). */
  ours: Percentiles[];
  /** Per round: the naive scan's batch. */
  naive: Percentiles[];
  /** Per round: naive p50 ÷ p50 of our decisions timed beside it, how many times faster the index probes are. */
  speedup: number[];
  /**
   * Per round: our decisions against themselves, p50 and p99 of the odd probes ÷ the even ones. The two
   * halves are timed alternately, under the same conditions: what sampling and noise alone make.
   */
  noiseP50: number[];
  noiseP99: number[];
  /** Over all rounds: decisions that differed from the generator's, ours and naive; probes where they disagreed. */
  unexpected: number;
  naiveUnexpected: number;
  disagreements: number;
  /** All our samples together (latency rounds), and all the naive ones. */
  oursAll: Percentiles;
  naiveAll: Percentiles;
}

function split<T>(items: T[], parts: number): T[][] {
  return Array.from({ length: parts }, (_, i) =>
    items.slice(
      Math.floor((i * items.length) / parts),
      Math.floor(((i + 1) * items.length) / parts),
    ),
  );
}

/**
 * Two passes over the rounds. First our latency, `rounds` batches one after the other (nothing else in
 * between: a naive scan reads the whole tables and would leave our index pages cold, which no real
 * server sees); each batch's odd and even probes, timed alternately, are its noise. Then the
 * comparison with the naive scan, in rounds of a small batch of ours and a batch of the naive scan
 * (the order reversed every other round), each round's ratio taken from the two batches timed side by
 * side. Untimed warm-up first.
 */
export async function measureDecisionRounds(
  ours: FactsFinder,
  naive: FactsFinder,
  options: {
    probes: Probe[];
    naiveProbes: number;
    warmup: Probe[];
    rounds: number;
    say?: (line: string) => void;
  },
): Promise<DecisionRounds> {
  for (const probe of options.warmup) await decide(ours, probe);
  for (const probe of options.warmup.slice(0, 3)) await decide(naive, probe);

  const latency: DecisionRun[] = [];
  for (const [round, batch] of split(options.probes, options.rounds).entries()) {
    options.say?.(`decisions: latency round ${round + 1} of ${options.rounds}`);
    latency.push(await measureDecisions(ours, batch, []));
  }
  const half = (run: DecisionRun, parity: 0 | 1) =>
    percentiles(run.times.filter((_, i) => i % 2 === parity));

  const naiveBatches = split(options.probes.slice(0, options.naiveProbes), options.rounds);
  // Ours beside the naive scan: enough probes per round for a stable p50, the same customers as its batch first.
  const besideSize = Math.max(
    20,
    Math.min(200, Math.floor(options.probes.length / options.rounds)),
  );
  let round = -1;
  const paired = await interleaved(
    options.rounds,
    {
      ours: () =>
        measureDecisions(
          ours,
          [
            ...naiveBatches[round]!,
            ...options.probes.slice(round * besideSize, (round + 1) * besideSize),
          ].slice(0, besideSize),
          [],
        ),
      naive: () => measureDecisions(naive, naiveBatches[round]!, []),
    },
    (r) => {
      round = r;
      options.say?.(`decisions: beside the naive scan, round ${r + 1} of ${options.rounds}`);
    },
  );

  // Each naive probe was also decided by ours (its latency batch holds it, in order): they must agree.
  const oursProbes = split(options.probes, options.rounds).flat();
  const oursDecisions = latency.flatMap((run) => run.decisions);
  const byProbe = new Map(oursProbes.map((p, i) => [p, oursDecisions[i]]));
  const disagreements = paired.naive
    .flatMap((run, r) => naiveBatches[r]!.map((p, i) => byProbe.get(p) !== run.decisions[i]))
    .filter(Boolean).length;
  return {
    ours: latency.map((run) => run.latency),
    naive: paired.naive.map((run) => run.latency),
    speedup: ratios(
      paired.naive.map((n) => n.latency.p50),
      paired.ours.map((o) => o.latency.p50),
    ),
    noiseP50: ratios(
      latency.map((run) => half(run, 1).p50),
      latency.map((run) => half(run, 0).p50),
    ),
    noiseP99: ratios(
      latency.map((run) => half(run, 1).p99),
      latency.map((run) => half(run, 0).p99),
    ),
    unexpected:
      latency.reduce((n, r) => n + r.unexpected, 0) +
      paired.ours.reduce((n, r) => n + r.unexpected, 0),
    naiveUnexpected: paired.naive.reduce((n, r) => n + r.unexpected, 0),
    disagreements,
    oursAll: percentiles(latency.flatMap((r) => r.times)),
    naiveAll: percentiles(paired.naive.flatMap((r) => r.times)),
  };
}
