import { decideEligibility, normalizeEnrollmentInput, validateEnrollmentInput } from "@portal/matching";
import type { EligibilityFacts } from "../enrollment/eligibility.repository";
import type { Probe } from "./bench-probes";
import { type Percentiles, percentiles } from "./bench-stats";

export interface FactsFinder {
  findFacts(normalizedEmail: string, contractKey: string): Promise<EligibilityFacts>;
}

export interface DecisionRun {
  latency: Percentiles;
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
  return { latency: percentiles(times), unexpected, decisions };
}
