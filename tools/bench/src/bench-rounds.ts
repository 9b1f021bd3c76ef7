/**
 * Repeated, interleaved measurements and what may honestly be said about them. A figure measured once
 * says little on a shared 2-core machine (the trivial mutation alone moved 30% between two runs
 * minutes apart), so every compared pair is measured in rounds, A B A B …, and each figure is kept
 * as its value per round. A ratio is a median with its min and max over the rounds; a difference is
 * only called one when it is larger than the noise measured beside it.
 */

/** A figure measured once per round. */
export interface Series {
  values: number[];
}

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** (max − min) / median: how far apart the rounds are, relative to the figure. */
  spread: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(values: readonly number[]): Summary {
  const m = median(values);
  const min = Math.min(...values);
  const max = Math.max(...values);
  return { median: m, min, max, spread: m === 0 ? 0 : (max - min) / Math.abs(m) };
}

/**
 * The noise of a measurement against itself in the same rounds (the trivial mutation run twice, our
 * decision batch run twice): each round's ratio of the two should be 1, and how far the rounds are
 * from 1 is what noise alone makes. Returned as a relative band for a median of rounds: twice the
 * median distance from 1 (one disturbed round widens it only as much as it moves the median).
 */
export function noiseBand(selfRatios: readonly number[]): number {
  return selfRatios.length === 0 ? 0 : 2 * median(selfRatios.map((r) => Math.abs(r - 1)));
}

/** Per-round ratios a[i] / b[i]. */
export function ratios(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new Error(`ratio of ${a.length} rounds to ${b.length}`);
  return a.map((value, i) => value / b[i]!);
}

/**
 * Runs `rounds` rounds of `steps`, in order within a round, and returns each step's value per round.
 * Odd rounds run the steps in reverse, so no step always runs first (a warm cache, a CPU that has
 * just been freed) or always last.
 */
export async function interleaved<K extends string, T>(
  rounds: number,
  steps: Record<K, () => Promise<T>>,
  onRound?: (round: number) => void,
): Promise<Record<K, T[]>> {
  const names = Object.keys(steps) as K[];
  const values = Object.fromEntries(names.map((n) => [n, [] as T[]])) as Record<K, T[]>;
  for (let round = 0; round < rounds; round++) {
    onRound?.(round);
    const order = round % 2 === 0 ? names : [...names].reverse();
    for (const name of order) values[name].push(await steps[name]());
  }
  return values;
}

export type TargetVerdict = "PASS" | "FAIL" | "WITHIN NOISE";

/**
 * A "ratio ≥ goal" target judged on its rounds: PASS when the median meets the goal by more than the
 * noise and no round falls below `floor`; FAIL when the median misses it by more than the noise or a
 * round falls below `floor`; otherwise the difference from the goal is inside the noise, and that is
 * what is said.
 */
export function judgeAtLeast(
  values: readonly number[],
  goal: number,
  floor: number,
  noise: number,
): TargetVerdict {
  const { median: m, min } = summarize(values);
  if (min < floor * (1 - noise)) return "FAIL";
  if (m >= goal * (1 + noise) && min >= floor) return "PASS";
  if (m < goal * (1 - noise)) return "FAIL";
  return "WITHIN NOISE";
}

/** A "value ≤ limit" target (latencies): the same three answers. */
export function judgeAtMost(
  values: readonly number[],
  limit: number,
  noise: number,
): TargetVerdict {
  const m = median(values);
  if (m <= limit * (1 - noise)) return "PASS";
  if (m > limit * (1 + noise)) return "FAIL";
  return "WITHIN NOISE";
}

/** A figure as it is kept in `--json` and compared by `--compare`. */
export interface Figure {
  key: string;
  label: string;
  unit: string;
  /** Which direction is an improvement. */
  better: "higher" | "lower";
  /** One value per round (a single value for figures measured once). */
  values: number[];
  /**
   * A figure measured in the same rounds that tracks the machine's own speed (the trivial mutation for
   * HTTP figures): between two runs its change is machine drift, and counts as noise here.
   */
  reference?: string;
  /**
   * An absolute figure (seconds, milliseconds, requests per second, MiB), as opposed to a ratio of two
   * figures measured side by side. Absolute figures move with the machine between runs (see
   * BETWEEN_RUNS_NOISE); ratios are what the rounds make trustworthy.
   */
  absolute?: boolean;
  /**
   * A tail figure (a p99, or a ratio of p99s): it moves between runs by far more than a median does, as
   * the database's cache after a fresh import is never quite the same (see BETWEEN_RUNS_TAIL_NOISE).
   */
  tail?: boolean;
  /** What an improvement and a regression are called ("faster"/"slower" unless said otherwise). */
  words?: [improved: string, worsened: string];
  /**
   * The measurement against itself beside it, per round (each ideally 1; see noiseBand), or null for a
   * figure measured once, which has none.
   */
  noise: number[] | null;
}

/** "faster", "slower" (or the figure's own words) or "within noise". */
export type ChangeVerdict = string;

export interface Change {
  key: string;
  label: string;
  unit: string;
  base: number;
  now: number;
  /** now / base − 1 */
  change: number;
  /** The relative change that noise alone could make here. */
  noise: number;
  verdict: ChangeVerdict;
}

/**
 * For a figure measured once, what noise is assumed when nothing beside it measured any: run to run on
 * this machine such figures move by about this much.
 */
export const SINGLE_RUN_NOISE = 0.1;

/**
 * What an absolute figure may move between two runs of the same code minutes apart on the 2-core
 * development machine, whatever its rounds say: imports took 15–20% longer in every round of a second
 * run, the trivial mutation's rate moved by 22% (docs/performance.md). Ratios measured within one run
 * do not carry it.
 */
export const BETWEEN_RUNS_NOISE = 0.25;

/**
 * The same for tail figures: the decision's p99 moved by 84% and 89% between two runs of the same
 * decision code here, so only a doubling of a p99 between runs is called a change.
 */
export const BETWEEN_RUNS_TAIL_NOISE = 1;

/** Fewer rounds than this and two runs of the same code look apart by chance too often (1 in 10 figures with 3). */
export const ROUNDS_FOR_VERDICTS = 5;

/**
 * How a figure moved from a base run. Two runs minutes apart differ by more than the rounds of one run
 * do (the machine's state, the database's cache after a fresh import), so a change is called one only
 * when it clears all of: every round of one run is beyond every round of the other (for figures
 * measured in rounds), the difference is larger than the noise measured beside the figure in either
 * run, for HTTP figures larger than the drift of the trivial mutation between the runs, and for
 * absolute and tail figures larger than BETWEEN_RUNS_NOISE / BETWEEN_RUNS_TAIL_NOISE. Otherwise it is
 * "within noise". A figure measured once has only the noise it borrows (its
 * reference's), and SINGLE_RUN_NOISE when it has none.
 */
export function compareFigure(base: Figure, now: Figure, drift = 0): Change {
  const b = median(base.values);
  const n = median(now.values);
  const change = n / b - 1;
  const band = (f: Figure) => (f.noise ? noiseBand(f.noise) : SINGLE_RUN_NOISE);
  const betweenRuns = now.tail ? BETWEEN_RUNS_TAIL_NOISE : now.absolute ? BETWEEN_RUNS_NOISE : 0;
  const noise = Math.max(band(base), band(now), drift, betweenRuns);
  const rounds = base.values.length > 1 && now.values.length > 1;
  const disjoint =
    Math.min(...now.values) > Math.max(...base.values) ||
    Math.max(...now.values) < Math.min(...base.values);
  const improved = now.better === "higher" ? change > 0 : change < 0;
  const [better, worse] = now.words ?? ["faster", "slower"];
  const moved = Math.abs(change) > noise && (!rounds || disjoint);
  const verdict: ChangeVerdict = moved ? (improved ? better : worse) : "within noise";
  return {
    key: now.key,
    label: now.label,
    unit: now.unit,
    base: b,
    now: n,
    change,
    noise,
    verdict,
  };
}

/** Every figure of `now` that `base` also has, in `now`'s order; figures only one run has are listed apart. */
export function compareRuns(
  base: Figure[],
  now: Figure[],
): { changes: Change[]; onlyBase: string[]; onlyNow: string[] } {
  const byKey = new Map(base.map((f) => [f.key, f]));
  const nowByKey = new Map(now.map((f) => [f.key, f]));
  /** How much the figure's reference moved between the runs (machine drift), or 0. */
  const drift = (f: Figure) => {
    const [rb, rn] = [
      f.reference && byKey.get(f.reference),
      f.reference && nowByKey.get(f.reference),
    ];
    return rb && rn ? Math.abs(median(rn.values) / median(rb.values) - 1) : 0;
  };
  const changes = now
    .filter((f) => byKey.has(f.key))
    .map((f) => compareFigure(byKey.get(f.key)!, f, drift(f)));
  const nowKeys = new Set(now.map((f) => f.key));
  return {
    changes,
    onlyBase: base.filter((f) => !nowKeys.has(f.key)).map((f) => f.key),
    onlyNow: now.filter((f) => !byKey.has(f.key)).map((f) => f.key),
  };
}
