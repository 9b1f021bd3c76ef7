import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

export const PHASES = ["bursts", "terminations", "sigterm", "redis-stall", "mail-timing"] as const;
export type PhaseName = (typeof PHASES)[number];

export const USAGE = `usage: pnpm drill:reliability [--api <main.js>] [--runs N] [--json <out.json>] [--only <phase,…>]
  --api       built API entry point (default apps/api/dist/main.js); its dist/cli/ prepares the databases
  --runs      repetitions of the terminated-backends and SIGTERM phases (default 5)
  --cut-every milliseconds between two terminations of every backend in the terminations phase (default 150)
  --json      also write every figure to this file
  --only      run some phases: ${PHASES.join(", ")}
  --postgres  maintenance database URL (default postgres://postgres@127.0.0.1:5432/postgres)
  --redis     Redis URL (default redis://127.0.0.1:6379)`;

export interface DrillArgs {
  mainJs: string;
  apiDist: string;
  runs: number;
  cutEveryMs: number;
  jsonOut: string | null;
  phases: PhaseName[];
  adminUrl: string;
  redisUrl: string;
}

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** Reads the command line; paths are taken from where the command was typed (pnpm runs scripts at the root). */
export function readArgs(argv: string[], repoRoot: string): DrillArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        api: { type: "string" },
        runs: { type: "string", default: "5" },
        "cut-every": { type: "string", default: "150" },
        json: { type: "string" },
        only: { type: "string" },
        postgres: { type: "string", default: "postgres://postgres@127.0.0.1:5432/postgres" },
        redis: { type: "string", default: "redis://127.0.0.1:6379" },
        help: { type: "boolean", default: false },
      },
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (parsed.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const mainJs = parsed.api
    ? path.resolve(cwd, parsed.api)
    : path.join(repoRoot, "apps", "api", "dist", "main.js");
  if (!existsSync(mainJs)) fail(`--api: ${mainJs} does not exist (build it with pnpm build:api)`);
  const apiDist = path.dirname(mainJs);
  for (const cli of ["migrate.js", "import.js"]) {
    if (!existsSync(path.join(apiDist, "cli", cli)))
      fail(`--api: ${path.join(apiDist, "cli", cli)} is missing next to ${mainJs}`);
  }
  const runs = Number(parsed.runs);
  if (!Number.isInteger(runs) || runs < 1 || runs > 100)
    fail(`--runs: expected a whole number from 1 to 100, got "${parsed.runs}"`);
  const cutEveryMs = Number(parsed["cut-every"]);
  if (!Number.isInteger(cutEveryMs) || cutEveryMs < 10 || cutEveryMs > 60_000)
    fail(`--cut-every: expected milliseconds from 10 to 60000, got "${parsed["cut-every"]}"`);
  const phases = parsed.only ? parsed.only.split(",").map((p) => p.trim()) : [...PHASES];
  const unknown = phases.filter((p) => !(PHASES as readonly string[]).includes(p));
  if (unknown.length) fail(`--only: unknown phase ${unknown.join(", ")}`);
  return {
    mainJs,
    apiDist,
    runs,
    cutEveryMs,
    jsonOut: parsed.json ? path.resolve(cwd, parsed.json) : null,
    phases: phases as PhaseName[],
    adminUrl: parsed.postgres,
    redisUrl: parsed.redis,
  };
}
