import {
  describeExit,
  errorLines,
  load,
  loadPerson,
  logged,
  sleep,
} from "@portal/test-support/standalone";
import { LOAD_LIMITS, singleInstance, type DrillContext } from "../context";
import { count, partialEnrollments } from "../database";
import { PEOPLE } from "../fixture";
import { type Outcome, SELF_ENROLL, send } from "../graphql";
import { withScope } from "../scope";
import { printTable } from "../table";
import { summarize } from "./outcomes";

const CONCURRENCY = 8;
const RELAY_DELAY_MS = 150;
const MAILS_BEFORE_SIGNAL = 10;
const ALIVE_CHECK_MS = 44_000;
const KILL_AFTER_MS = 45_000;

/** A sleep that does not keep the drill alive: for the losing side of a race. */
const deadline = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** One run: enroll at concurrency 8 against a slow relay, SIGTERM once 10 mails arrived, watch it stop. */
async function sigtermRun(ctx: DrillContext, run: number) {
  return withScope(async (scope) => {
    const { db, smtp, api } = await singleInstance(scope, ctx, `term${run}`, {
      limits: LOAD_LIMITS,
      smtpDelayMs: RELAY_DELAY_MS,
    });
    let loadDone = false;
    const loadStarted = Date.now();
    const outcomes: Promise<Outcome[]> = load(
      0,
      PEOPLE,
      CONCURRENCY,
      async (i) => (await send(api.url, SELF_ENROLL, { input: loadPerson(i) }, 60_000)).outcome,
      () => !api.alive(),
    ).finally(() => (loadDone = true));
    while (smtp.messages.length < MAILS_BEFORE_SIGNAL && !loadDone && api.alive()) await sleep(20);
    const mailsAtSignal = smtp.messages.length;
    const signalledAt = Date.now();
    const loadEndedBeforeSignal = loadDone;
    api.child.kill("SIGTERM");
    const exitOrTimeout = await Promise.race([
      api.exited,
      deadline(ALIVE_CHECK_MS).then(() => null),
    ]);
    const aliveAt44s = exitOrTimeout === null;
    let killed = false;
    if (aliveAt44s) {
      await Promise.race([api.exited, deadline(KILL_AFTER_MS - ALIVE_CHECK_MS)]);
      if (api.alive()) {
        killed = true;
        api.child.kill("SIGKILL");
      }
    }
    const exit = await api.exited;
    const results = await outcomes;
    const stranded = await count(
      db.url,
      `SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL AND locked_until > now()`,
    );
    const unsent = await count(
      db.url,
      `SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL`,
    );
    const sent = await count(db.url, `SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL`);
    const accounts = await count(db.url, `SELECT count(*) FROM portal_user`);
    const partial = await partialEnrollments(db.url);
    return {
      run,
      mailsAtSignal,
      loadMsBeforeSignal: signalledAt - loadStarted,
      loadEndedBeforeSignal,
      signalToExitMs: killed ? null : exit.atMs - signalledAt,
      exit: killed ? "SIGKILL after 45 s" : describeExit(exit),
      aliveAt44s,
      stoppedLogged: logged(api.lines, /^stopped$/).length > 0,
      ...summarize(results),
      mailsAtSink: smtp.messages.length,
      outboxSent: sent,
      outboxUnsent: unsent,
      stranded,
      accounts,
      partialEnrollments: partial.length,
      errorLogLines: errorLines(api).slice(-3),
    };
  });
}

/** Phase 3: SIGTERM while requests and mail are in flight. */
export async function sigtermPhase(ctx: DrillContext) {
  const runs = [];
  for (let run = 1; run <= ctx.runs; run++) runs.push(await sigtermRun(ctx, run));
  printTable(
    `Phase 3: SIGTERM under load (concurrency ${CONCURRENCY}, relay takes ${RELAY_DELAY_MS} ms a message, signal after ${MAILS_BEFORE_SIGNAL} mails)`,
    [
      "run",
      "mails at signal",
      "signal→exit",
      "exit",
      "alive 44 s later",
      "answered",
      "masked/http",
      "network (refused)",
      "mails sent (sink)",
      "unsent",
      "stranded",
      "partial",
    ],
    runs.map((r) => [
      r.run,
      r.mailsAtSignal,
      r.signalToExitMs === null ? "-" : `${r.signalToExitMs} ms`,
      r.exit,
      r.aliveAt44s ? "YES" : "no",
      `${r.answered}/${r.requests}`,
      r.masked + r.otherGraphqlErrors + r.http,
      `${r.network + r.timeouts} (${r.refused})`,
      `${r.outboxSent} (${r.mailsAtSink})`,
      r.outboxUnsent,
      r.stranded,
      r.partialEnrollments,
    ]),
  );
  console.log(
    "  network = no HTTP answer; refused = the connection was refused once the process stopped listening, the rest were cut off in flight",
  );
  for (const r of runs) {
    if (r.loadEndedBeforeSignal)
      console.log(
        `  run ${r.run}: every person was enrolled before the signal: it came after the load, not under it`,
      );
    if (!r.stoppedLogged) console.log(`  run ${r.run}: no "stopped" log line`);
    if (r.errorLogLines.length)
      console.log(
        `  run ${r.run}: error log lines, last: ${r.errorLogLines.map((l) => l.slice(0, 300)).join(" | ")}`,
      );
  }
  return {
    concurrency: CONCURRENCY,
    relayDelayMs: RELAY_DELAY_MS,
    mailsBeforeSignal: MAILS_BEFORE_SIGNAL,
    runs,
  };
}
