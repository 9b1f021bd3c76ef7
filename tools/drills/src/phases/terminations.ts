import {
  describeExit,
  errorLines,
  load,
  loadPerson,
  logged,
  sleep,
} from "@portal/test-support/standalone";
import { LOAD_LIMITS, singleInstance, type DrillContext } from "../context";
import { connect, partialEnrollments } from "../database";
import { getRoute, label, type Outcome, SELF_ENROLL, send } from "../graphql";
import { withScope } from "../scope";
import { printTable } from "../table";
import { summarize } from "./outcomes";

const ENROLLMENTS = 200;
const CONCURRENCY = 10;
const MIN_TERMINATIONS = 4;

function deathNotice(lines: string[]): string[] {
  const head = [
    lines.find((line) => /unhandled|uncaught/i.test(line)),
    lines.find((line) => /^\s*(\w*Error|error)\b:/.test(line)),
  ];
  const last = lines.filter((line) => line.trim()).slice(-3);
  const first = head.filter((line): line is string => line !== undefined && !last.includes(line));
  return first.length ? [...first, "…", ...last] : last;
}

/** One run: 200 enrollments at concurrency 10 while every backend of the database is terminated every `cutEveryMs`. */
async function terminationRun(ctx: DrillContext, run: number) {
  return withScope(async (scope) => {
    const { db, api } = await singleInstance(scope, ctx, `kill${run}`, { limits: LOAD_LIMITS });
    // The admin connection is to the maintenance database, so the filter on datname spares it.
    const admin = await connect(ctx.adminUrl);
    scope.defer("close admin connection", () => admin.end());
    let terminations = 0;
    let backends = 0;
    let loadDone = false;
    let killerError = null as string | null; // set by the terminating loop, which TypeScript does not follow
    const killer = (async () => {
      while (!loadDone || terminations < MIN_TERMINATIONS) {
        await sleep(ctx.cutEveryMs);
        const { rows } = await admin.query<{ n: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [db.name],
        );
        terminations++;
        backends += rows[0]!.n;
      }
    })().catch((error: unknown) => {
      killerError = String(error);
    });
    const started = Date.now();
    const outcomes: Outcome[] = await load(
      0,
      ENROLLMENTS,
      CONCURRENCY,
      async (i) => (await send(api.url, SELF_ENROLL, { input: loadPerson(i) }, 30_000)).outcome,
    );
    const loadMs = Date.now() - started;
    loadDone = true;
    await killer;
    await sleep(500);

    const alive = api.alive();
    const exit = alive ? null : await api.exited;
    const health = alive ? await getRoute(api.url, "/healthz") : null;
    const next = alive
      ? label((await send(api.url, SELF_ENROLL, { input: loadPerson(300) }, 30_000)).outcome)
      : "process gone";
    const partial = await partialEnrollments(db.url);
    return {
      run,
      terminations,
      backendsTerminated: backends,
      loadMs,
      ...summarize(outcomes),
      aliveAtEnd: alive,
      exit: exit ? describeExit(exit) : null,
      killerError,
      // What the process said as it died: the first error line on stderr, then its last lines.
      lastStderr: alive ? [] : deathNotice(api.stderr.length ? api.stderr : api.lines),
      errorLogLines: errorLines(api).length,
      unhandledLogged: logged(api.lines, /unhandled|uncaught/i).length,
      healthzAfter: health?.status ?? null,
      nextEnrollment: next,
      partialEnrollments: partial.length,
      partialExamples: partial.slice(0, 3),
    };
  });
}

/** Phase 2: the database terminates the API's connections again and again under load. */
export async function terminationsPhase(ctx: DrillContext) {
  const runs = [];
  for (let run = 1; run <= ctx.runs; run++) runs.push(await terminationRun(ctx, run));
  printTable(
    `Phase 2: backends terminated every ${ctx.cutEveryMs} ms under load (${ENROLLMENTS} enrollments, concurrency ${CONCURRENCY}, one process)`,
    [
      "run",
      "terminations (backends)",
      "load time",
      "alive",
      "answered",
      "masked",
      "http",
      "network (refused)",
      "next request",
      "partial enrollments",
    ],
    runs.map((r) => [
      r.run,
      `${r.terminations} (${r.backendsTerminated})`,
      `${r.loadMs} ms`,
      r.aliveAtEnd ? "yes" : `no, ${r.exit}`,
      `${r.answered}/${r.requests} (${r.started} started)`,
      r.masked + r.otherGraphqlErrors,
      r.http,
      `${r.network + r.timeouts} (${r.refused})`,
      r.nextEnrollment,
      r.partialEnrollments,
    ]),
  );
  for (const r of runs) {
    if (r.killerError)
      console.log(`  run ${r.run}: the terminating loop stopped: ${r.killerError}`);
    if (r.lastStderr.length)
      console.log(
        `  run ${r.run}: process died (${r.exit}); last stderr lines:\n${r.lastStderr.map((l) => `    ${l}`).join("\n")}`,
      );
    if (r.networkMessages.length)
      console.log(`  run ${r.run}: network errors: ${r.networkMessages.join("; ")}`);
    if (r.partialExamples.length)
      console.log(`  run ${r.run}: partial enrollments, e.g. ${JSON.stringify(r.partialExamples)}`);
  }
  return { enrollments: ENROLLMENTS, concurrency: CONCURRENCY, everyMs: ctx.cutEveryMs, runs };
}
