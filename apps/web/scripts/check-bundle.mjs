// Prints the gzip size of what each route loads first and fails when the enrollment route's
// initial JavaScript (entry chunk + its static imports; /register is in the entry) exceeds the budget,
// or when any chunk of the customer pages holds staff code (src/support/, the QR code library).
// The staff pages (support.html, a build of their own) are measured too, without a budget.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const BUDGET_BYTES = 150 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));
const dist = process.env.WEB_DIST_DIR ?? path.join(here, "..", "dist");

/** Modules that belong to the staff pages only. */
export const STAFF_MODULE =
  /(^|\/)src\/support\/|\/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?qrcode\//;

/** What an entry loads first and what each lazily loaded page adds, from a Vite manifest. */
export function measure(distDir = dist, manifestFile = "manifest.json") {
  const manifest = JSON.parse(readFileSync(path.join(distDir, ".vite", manifestFile), "utf8"));
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
  if (!entryKey) throw new Error(`no entry chunk in ${manifestFile}`);
  const initial = closure(entryKey);
  const routes = Object.keys(manifest)
    .filter((key) => manifest[key].isDynamicEntry)
    .map((key) => {
      const extra = [...closure(key)].filter((k) => !initial.has(k));
      return { route: key.replace(/^src\/(support\/)?routes\//, ""), extra: sizeOf(extra) };
    });
  const css = (manifest[entryKey].css ?? []).reduce((sum, file) => sum + gzip(file), 0);
  const files = Object.values(manifest).map((chunk) => chunk.file);
  return { entry: entryKey, initialJs: sizeOf(initial), initialCss: css, routes, files };
}

/**
 * Staff code in the customer build: every module of every chunk the customer pages can load
 * (dist/.vite/modules.json, written by vite.config.ts), and no file of the staff build's folder.
 */
export function staffCodeInCustomerPages(distDir = dist) {
  const chunks = JSON.parse(readFileSync(path.join(distDir, ".vite", "modules.json"), "utf8"));
  const found = [];
  for (const [chunk, modules] of Object.entries(chunks))
    for (const id of modules) if (STAFF_MODULE.test(id)) found.push(`${chunk}: ${id}`);
  for (const file of measure(distDir).files)
    if (file.startsWith("assets/support/")) found.push(`${file} (a staff pages' file)`);
  return found;
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

function printRoutes(routes) {
  for (const { route, extra } of routes.sort((a, b) => a.route.localeCompare(b.route))) {
    console.log(`  ${route.padEnd(44)} +${kB(extra)}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { initialJs, initialCss, routes } = measure();
  console.log("\nInitial load (gzip, level 9):");
  console.log(`  enrollment route /register JS  ${kB(initialJs)}  (budget ${kB(BUDGET_BYTES)})`);
  console.log(`  CSS                            ${kB(initialCss)}`);
  console.log("Loaded on first visit of each other page (gzip, JS not already loaded):");
  printRoutes(routes);
  let failed = false;
  const leaked = staffCodeInCustomerPages();
  if (leaked.length > 0) {
    console.error(
      `\nStaff code in the customer pages' bundle (a customer page imports from src/support/?):\n  ${leaked.join("\n  ")}`,
    );
    failed = true;
  }
  if (existsSync(path.join(dist, ".vite", "support-manifest.json"))) {
    const staff = measure(dist, "support-manifest.json");
    console.log("\nStaff pages, /support (support.html, a build of their own; gzip, level 9):");
    console.log(`  entry (sign-in) JS             ${kB(staff.initialJs)}`);
    console.log(`  CSS                            ${kB(staff.initialCss)}`);
    printRoutes(staff.routes);
  } else {
    console.error(
      "\nNo staff pages build (dist/.vite/support-manifest.json): run vite build --config vite.support.config.ts.",
    );
    failed = true;
  }
  if (initialJs > BUDGET_BYTES) {
    console.error(
      `\nBundle budget exceeded: the enrollment route loads ${kB(initialJs)} of JS gzip, more than ${kB(BUDGET_BYTES)}.`,
    );
    failed = true;
  }
  if (failed) process.exit(1);
  console.log(
    `\nWithin budget: ${kB(initialJs)} ≤ ${kB(BUDGET_BYTES)}; no staff code in the customer pages.\n`,
  );
}
