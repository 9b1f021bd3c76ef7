export function tally(labels: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

export const formatTally = (counts: Record<string, number>) =>
  Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${n} ${label}`)
    .join(", ") || "none";

/** Nearest-rank percentile (p in 0..100) of the samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (samples: number[]) => percentile(samples, 50);

export interface Separation {
  /** Share of single requests classified right by the best threshold: 0.5 means indistinguishable. */
  accuracy: number;
  thresholdMs: number;
  /** Which set the requests slower than the threshold are taken for. */
  slowerIs: "A" | "B";
}

/**
 * How well one request's latency tells A from B: every cut between two observed values is tried in both
 * directions, and the best share of right guesses over all samples is kept (with equal sample counts,
 * guessing always one side scores 0.5).
 */
export function bestThreshold(a: number[], b: number[]): Separation {
  const points = [
    ...a.map((ms) => ({ ms, isA: true })),
    ...b.map((ms) => ({ ms, isA: false })),
  ].sort((x, y) => x.ms - y.ms);
  const total = points.length;
  // Start with every sample above the cut.
  let aBelow = 0;
  let bBelow = 0;
  const score = (cut: number) => {
    const slowerIsB = aBelow + (b.length - bBelow);
    const slowerIsA = bBelow + (a.length - aBelow);
    return slowerIsB >= slowerIsA
      ? { accuracy: slowerIsB / total, thresholdMs: cut, slowerIs: "B" as const }
      : { accuracy: slowerIsA / total, thresholdMs: cut, slowerIs: "A" as const };
  };
  let best = score(points[0]?.ms ?? 0);
  for (let i = 0; i < points.length; i++) {
    if (points[i]!.isA) aBelow++;
    else bBelow++;
    // Only cut between distinct values: equal latencies cannot be told apart.
    if (i + 1 < points.length && points[i + 1]!.ms === points[i]!.ms) continue;
    const next = points[i + 1]?.ms ?? points[i]!.ms;
    const candidate = score((points[i]!.ms + next) / 2);
    if (candidate.accuracy > best.accuracy) best = candidate;
  }
  return best;
}

/**
 * What `bestThreshold` scores on the same samples when the labels carry no information: the median
 * over random relabellings. The best cut is picked on the samples it is scored on, so it beats 50% by
 * chance alone; this is that chance level.
 */
export function chanceLevel(a: number[], b: number[], shuffles = 200): number {
  const all = [...a, ...b];
  const scores: number[] = [];
  for (let s = 0; s < shuffles; s++) {
    const shuffled = [...all];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    scores.push(bestThreshold(shuffled.slice(0, a.length), shuffled.slice(a.length)).accuracy);
  }
  return median(scores);
}
