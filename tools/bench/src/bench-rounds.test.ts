import {
  compareFigure,
  compareRuns,
  interleaved,
  judgeAtLeast,
  judgeAtMost,
  median,
  noiseBand,
  ratios,
  summarize,
  type Figure,
} from "./bench-rounds";

test("median, min, max and spread of rounds", () => {
  expect(median([3, 1, 2])).toBe(2);
  expect(median([4, 1, 3, 2])).toBe(2.5);
  expect(summarize([0.5, 0.6, 0.7])).toEqual({
    median: 0.6,
    min: 0.5,
    max: 0.7,
    spread: expect.closeTo(1 / 3, 10),
  });
});

test("the noise band is twice how far a measurement against itself typically strays from 1", () => {
  expect(noiseBand([1.02, 0.95, 1.01])).toBeCloseTo(0.04, 10);
  // One disturbed round moves it no more than it moves the median.
  expect(noiseBand([1.02, 0.97, 1.01, 3, 0.99])).toBeCloseTo(0.04, 10);
  expect(ratios([2, 3], [1, 6])).toEqual([2, 0.5]);
  expect(() => ratios([1], [1, 2])).toThrow(/rounds/);
});

test("rounds alternate the order of their steps, so no step always runs first", async () => {
  const order: string[] = [];
  const values = await interleaved(4, {
    a: async () => (order.push("a"), 1),
    b: async () => (order.push("b"), 2),
  });
  expect(order).toEqual(["a", "b", "b", "a", "a", "b", "b", "a"]);
  expect(values).toEqual({ a: [1, 1, 1, 1], b: [2, 2, 2, 2] });
});

describe("a ratio target (median ≥ 60%, every round ≥ 50%) judged against the noise", () => {
  it("passes when the median clears the goal by more than the noise", () => {
    expect(judgeAtLeast([0.68, 0.7, 0.72], 0.6, 0.5, 0.05)).toBe("PASS");
  });
  it("fails when the median misses it by more than the noise", () => {
    expect(judgeAtLeast([0.5, 0.52, 0.53], 0.6, 0.5, 0.05)).toBe("FAIL");
  });
  it("fails when one round falls below the floor, whatever the median", () => {
    expect(judgeAtLeast([0.4, 0.7, 0.72], 0.6, 0.5, 0.05)).toBe("FAIL");
  });
  it("says a median inside the noise of the goal is no measurable difference", () => {
    expect(judgeAtLeast([0.58, 0.61, 0.63], 0.6, 0.5, 0.05)).toBe("WITHIN NOISE");
  });
  it("judges latency limits the same way", () => {
    expect(judgeAtMost([0.4, 0.5], 2, 0.1)).toBe("PASS");
    expect(judgeAtMost([1.9, 2.1], 2, 0.1)).toBe("WITHIN NOISE");
    expect(judgeAtMost([3, 3.1], 2, 0.1)).toBe("FAIL");
  });
});

/** A figure whose measurement against itself strayed by `noise` every round. */
const figure = (
  values: number[],
  noise: number | null,
  better: "higher" | "lower" = "higher",
): Figure => ({
  key: "k",
  label: "k",
  unit: "req/s",
  better,
  values,
  noise: noise === null ? null : values.map(() => 1 + noise / 2),
});

describe("comparing a figure with a base run", () => {
  it("calls a change faster or slower only when the runs' rounds do not overlap and it exceeds the noise", () => {
    expect(compareFigure(figure([100, 101, 99], 0.03), figure([130, 131, 129], 0.03)).verdict).toBe(
      "faster",
    );
    expect(
      compareFigure(figure([10, 10.2], 0.02, "lower"), figure([12, 12.1], 0.02, "lower")).verdict,
    ).toBe("slower");
  });
  it("calls a change inside the noise within noise", () => {
    const change = compareFigure(figure([100, 108, 95], 0.02), figure([104, 99, 110], 0.02));
    expect(change.verdict).toBe("within noise");
    expect(change.change).toBeCloseTo(0.04, 10);
  });
  it("calls a large change of medians within noise while the rounds of the two runs overlap", () => {
    expect(
      compareFigure(
        figure([0.6, 0.65, 0.7, 2.2, 0.62], 0.05, "lower"),
        figure([0.65, 1.2, 1.3, 1.1, 2.3], 0.05, "lower"),
      ).verdict,
    ).toBe("within noise");
  });
  it("assumes 10% for a figure measured once", () => {
    expect(compareFigure(figure([60], null, "lower"), figure([64], null, "lower")).verdict).toBe(
      "within noise",
    );
    expect(compareFigure(figure([60], null, "lower"), figure([70], null, "lower")).verdict).toBe(
      "slower",
    );
  });
  it("uses the figure's own words", () => {
    expect(
      compareFigure(
        { ...figure([400], null, "lower"), words: ["smaller", "larger"] },
        { ...figure([600], null, "lower"), words: ["smaller", "larger"] },
      ).verdict,
    ).toBe("larger");
  });
  it("counts the machine's drift between the runs, as its reference figure shows it, as noise", () => {
    const trivial = (v: number): Figure => ({ ...figure([v, v], 0.01), key: "trivial" });
    const enroll = (v: number): Figure => ({
      ...figure([v, v], 0.01),
      key: "enroll",
      reference: "trivial",
    });
    // The whole machine got 25% faster: selfEnroll +20% is drift, not the change's effect.
    expect(
      compareRuns([trivial(100), enroll(50)], [trivial(125), enroll(60)]).changes.map((c) => [
        c.key,
        c.verdict,
      ]),
    ).toEqual([
      ["trivial", "faster"],
      ["enroll", "within noise"],
    ]);
  });

  it("needs a p99 to double between runs before it calls it a change", () => {
    const p99 = (values: number[]): Figure => ({
      ...figure(values, 0.1, "lower"),
      absolute: true,
      tail: true,
    });
    expect(
      compareFigure(p99([0.4, 0.42, 0.45, 0.41, 0.43]), p99([0.75, 0.8, 0.78, 0.77, 0.79])).verdict,
    ).toBe("within noise");
    expect(
      compareFigure(p99([0.4, 0.42, 0.45, 0.41, 0.43]), p99([0.95, 1, 0.98, 0.97, 0.99])).verdict,
    ).toBe("slower");
  });

  it("lists the figures only one run has", () => {
    const a = { ...figure([1], null), key: "a" };
    const b = { ...figure([1], null), key: "b" };
    expect(compareRuns([a], [b])).toEqual({ changes: [], onlyBase: ["a"], onlyNow: ["b"] });
  });
});
