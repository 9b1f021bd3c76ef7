// Runs once before the api-integration project: builds apps/api (and the packages it uses) when dist/
// is missing or older than its sources, so the suites that run the API as a real process
// (process.*.itest.ts) work on a fresh clone with `pnpm test` alone.
const { execSync } = require("node:child_process");
const { existsSync, readdirSync, statSync } = require("node:fs");
const path = require("node:path");

const api = path.join(__dirname, "..");
const repo = path.join(api, "..", "..");

function newest(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(target))
    latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

module.exports = async function globalSetup() {
  const built = path.join(api, "dist", "main.js");
  const sources = [
    path.join(api, "src"),
    path.join(api, "package.json"),
    path.join(repo, "packages", "matching", "src"),
  ];
  if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
    console.log("\napi-integration: apps/api/dist is missing or stale, building it…");
    execSync("pnpm --filter @portal/api... run build", { cwd: repo, stdio: "inherit" });
  }
};
