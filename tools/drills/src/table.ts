/** A plain-text table: a title line, a header row and aligned columns. */
export function printTable(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => (row[c] ?? "").length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const row of cells.slice(1)) console.log(line(row));
}

export const ms = (value: number) => {
  if (!Number.isFinite(value)) return "-";
  return value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
};
export const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
