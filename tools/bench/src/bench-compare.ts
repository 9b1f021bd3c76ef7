import type { BenchResult } from "./bench-report";
import { compareRuns } from "./bench-rounds";

const pad = (cells: string[], widths: number[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join("  ")
    .trimEnd();
const value = (v: number, unit: string) =>
  `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toPrecision(3)} ${unit}`;
const signed = (ratio: number) => `${ratio >= 0 ? "+" : ""}${(ratio * 100).toFixed(1)}%`;

/**
 * `pnpm bench --compare base.json`: each figure's change from the base run, and whether it is larger
 * than the noise either run measured (see compareFigure): faster, slower, or within noise.
 */
export function renderComparison(
  base: BenchResult,
  now: BenchResult,
  baseName: string,
  nowName: string,
): string {
  const { changes, onlyBase, onlyNow } = compareRuns(base.figures, now.figures);
  const head = ["figure", "base", "now", "change", "noise", "verdict"];
  const rows = changes.map((c) => [
    c.label,
    value(c.base, c.unit),
    value(c.now, c.unit),
    signed(c.change),
    `±${(c.noise * 100).toFixed(1)}%`,
    c.verdict,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const out = [
    `Compared with ${baseName} (${base.date}, ${base.command}) → ${nowName} (${now.date})`,
    "medians over the rounds; noise = the larger of each run's spread over its rounds, the noise measured beside the figure",
    "(a measurement against itself), and for HTTP figures the trivial mutation's own change between the runs",
    pad(head, widths),
    pad(
      widths.map((w) => "-".repeat(w)),
      widths,
    ),
    ...rows.map((r) => pad(r, widths)),
  ];
  if (base.machine !== now.machine)
    out.push(
      `note: different machines (${base.machine} / ${now.machine}): absolute figures do not compare`,
    );
  if (onlyBase.length > 0) out.push(`only in the base run: ${onlyBase.join(", ")}`);
  if (onlyNow.length > 0) out.push(`only in this run: ${onlyNow.join(", ")}`);
  const moved = changes.filter((c) => c.verdict !== "within noise");
  out.push(
    moved.length === 0
      ? "no measurable difference"
      : `${moved.length} of ${changes.length} figures moved beyond the noise: ${moved.map((c) => `${c.label} ${c.verdict}`).join("; ")}`,
  );
  return out.join("\n");
}
