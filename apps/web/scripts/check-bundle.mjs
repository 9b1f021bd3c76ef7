// Prints the gzip size of what each route loads first and fails when the enrollment route's
// initial JavaScript (entry chunk + its static imports; /register is in the entry) exceeds the budget.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_BYTES = 150 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.env.WEB_DIST_DIR ?? path.join(here, "..", "dist");

export function measure(distDir = dist) {
  const manifest = JSON.parse(readFileSync(path.join(distDir, ".vite", "manifest.json"), "utf8"));
  const gzip = (file) => gzipSync(readFileSync(path.join(distDir, file)), { level: 9 }).length;
  const closure = (key, seen = new Set()) => {
    if (seen.has(key)) return seen;
    seen.add(key);
    for (const dep of manifest[key].imports ?? []) closure(dep, seen);
    return seen;
  };
  const sizeOf = (keys) =>
    [...keys].reduce(
      (sum, key) => sum + (manifest[key].file.endsWith(".js") ? gzip(manifest[key].file) : 0),
      0,
    );
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entryKey) throw new Error("no entry chunk in the Vite manifest");
  const initial = closure(entryKey);
  const routes = Object.keys(manifest)
    .filter((key) => manifest[key].isDynamicEntry)
    .map((key) => {
      const extra = [...closure(key)].filter((k) => !initial.has(k));
      return { route: key.replace(/^src\/routes\//, ""), extra: sizeOf(extra) };
    });
  const css = (manifest[entryKey].css ?? []).reduce((sum, file) => sum + gzip(file), 0);
  return { initialJs: sizeOf(initial), initialCss: css, routes };
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { initialJs, initialCss, routes } = measure();
  console.log("\nInitial load (gzip, level 9):");
  console.log(`  enrollment route /register JS  ${kB(initialJs)}  (budget ${kB(BUDGET_BYTES)})`);
  console.log(`  CSS                            ${kB(initialCss)}`);
  console.log("Loaded on first visit of each other page (gzip, JS not already loaded):");
  for (const { route, extra } of routes.sort((a, b) => a.route.localeCompare(b.route))) {
    console.log(`  ${route.padEnd(44)} +${kB(extra)}`);
  }
  if (initialJs > BUDGET_BYTES) {
    console.error(
      `\nBundle budget exceeded: the enrollment route loads ${kB(initialJs)} of JS gzip, more than ${kB(BUDGET_BYTES)}.`,
    );
    process.exit(1);
  }
  console.log(`Within budget: ${kB(initialJs)} ≤ ${kB(BUDGET_BYTES)}.\n`);
}
