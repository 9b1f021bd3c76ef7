import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type PhaseName, readArgs } from "./args";
import type { DrillContext } from "./context";
import { writeServicingFile } from "./fixture";
import { burstsPhase } from "./phases/bursts";
import { mailTimingPhase } from "./phases/mail-timing";
import { redisStallPhase } from "./phases/redis-stall";
import { sigtermPhase } from "./phases/sigterm";
import { terminationsPhase } from "./phases/terminations";
import { closeAllScopes, withScope } from "./scope";

/**
 * `pnpm drill:reliability`: runs the built API as production processes and attacks them as an attacker
 * or an operator would (bursts, killed database connections, SIGTERM, a stalled Redis, timing), over
 * HTTP only, and prints what it measured. Nothing here asserts: the figures are for the docs.
 */
const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");

const PHASE_RUNNERS: Record<PhaseName, (ctx: DrillContext) => Promise<unknown>> = {
  bursts: burstsPhase,
  terminations: terminationsPhase,
  sigterm: sigtermPhase,
  "redis-stall": redisStallPhase,
  "mail-timing": mailTimingPhase,
};

function commitOf(mainJs: string): string {
  try {
    return execFileSync("git", ["-C", path.dirname(mainJs), "rev-parse", "--short", "HEAD"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "unknown";
  }
}

async function main() {
  const args = readArgs(process.argv.slice(2), REPO_ROOT);
  const command = [
    "node",
    path.relative(process.env.INIT_CWD ?? process.cwd(), process.argv[1]!),
    ...process.argv.slice(2),
  ].join(" ");
  const viaPnpm =
    process.env.npm_lifecycle_event === "drill:reliability"
      ? `pnpm drill:reliability ${process.argv.slice(2).join(" ")}`.trim()
      : null;
  const report: Record<string, unknown> = {
    command,
    viaPnpm,
    api: args.mainJs,
    apiCommit: commitOf(args.mainJs),
    runs: args.runs,
    node: process.version,
    startedAt: new Date().toISOString(),
    phases: {},
  };
  console.log(`Reliability drill${viaPnpm ? `: ${viaPnpm}` : ""}`);
  console.log(`command:  ${command}`);
  console.log(
    `API:      ${args.mainJs} (checkout at ${report.apiCommit as string}), node ${process.version}`,
  );
  console.log(`servers:  PostgreSQL ${args.adminUrl}, Redis ${args.redisUrl}; --runs ${args.runs}`);

  let failures = 0;
  await withScope(async (scope) => {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-drill-"));
    scope.defer("remove temporary folder", () => rmSync(dir, { recursive: true, force: true }));
    const ctx: DrillContext = { ...args, servicingFile: writeServicingFile(dir) };
    const phases = report.phases as Record<string, unknown>;
    for (const name of args.phases) {
      const started = Date.now();
      try {
        phases[name] = {
          ...((await PHASE_RUNNERS[name](ctx)) as object),
          seconds: Math.round((Date.now() - started) / 1000),
        };
      } catch (error) {
        failures++;
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        phases[name] = { error: message };
        console.log(`\nPhase ${name} could not run: ${message}`);
      }
    }
  });
  report.finishedAt = new Date().toISOString();
  if (args.jsonOut) {
    writeFileSync(args.jsonOut, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`\nFigures written to ${args.jsonOut}`);
  }
  process.exitCode = failures ? 1 : 0;
}

let interrupted = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the API processes and dropping the drill's databases…`);
    void closeAllScopes().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  console.error(error);
  await closeAllScopes();
  process.exit(1);
});
