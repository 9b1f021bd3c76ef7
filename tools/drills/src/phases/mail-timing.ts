import { activeAccount } from "../accounts";
import { ALL_LOOSE, singleInstance, type DrillContext } from "../context";
import { ACCOUNTS } from "../fixture";
import { label, REQUEST_PASSWORD_RESET, REQUEST_VERIFICATION_EMAIL, send } from "../graphql";
import { withScope } from "../scope";
import { bestThreshold, chanceLevel, formatTally, median, percentile, tally } from "../stats";
import { ms, pct, printTable } from "../table";

const TRIES = 100;
const WARM_UP_PAIRS = 5;
const ACCOUNT = ACCOUNTS.canada.email;
const UNKNOWN = "nobody@unknown.example";
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Sequential requests alternating A, B, A, B…; the latencies of each. */
async function interleaved(url: string, query: string, tries: number) {
  const a: number[] = [];
  const b: number[] = [];
  const answers: string[] = [];
  for (let i = 0; i < tries; i++) {
    for (const [email, into] of [
      [ACCOUNT, a],
      [UNKNOWN, b],
    ] as const) {
      const timed = await send(url, query, { email });
      into.push(timed.ms);
      answers.push(label(timed.outcome));
    }
  }
  return { a, b, answers };
}

/** Phase 5: does the time of a mail-sending request tell whether the address has an account? */
export async function mailTimingPhase(ctx: DrillContext) {
  return withScope(async (scope) => {
    const { db, api } = await singleInstance(scope, ctx, "timing", { limits: ALL_LOOSE });
    await activeAccount(api.url, db.url, ACCOUNTS.canada);
    const results = [];
    for (const [operation, query] of [
      ["requestPasswordReset", REQUEST_PASSWORD_RESET],
      ["requestVerificationEmail", REQUEST_VERIFICATION_EMAIL],
    ] as const) {
      // A few discarded pairs first, so neither side pays for the first compilation of the path.
      await interleaved(api.url, query, WARM_UP_PAIRS);
      const { a, b, answers } = await interleaved(api.url, query, TRIES);
      const separation = bestThreshold(a, b);
      results.push({
        operation,
        tries: TRIES,
        account: { medianMs: median(a), p90Ms: percentile(a, 90) },
        unknown: { medianMs: median(b), p90Ms: percentile(b, 90) },
        oneRequestAccuracy: separation.accuracy,
        chanceLevel: chanceLevel(a, b),
        thresholdMs: separation.thresholdMs,
        slowerIs: separation.slowerIs === "A" ? "account" : "unknown",
        answers: tally(answers),
        samplesMs: { account: a.map(round2), unknown: b.map(round2) },
      });
    }
    printTable(
      `Phase 5: latency of mail-sending requests, A = active account (${ACCOUNT}), B = unknown (${UNKNOWN}); ${TRIES} each, interleaved, sequential`,
      [
        "operation",
        "A median",
        "A p90",
        "B median",
        "B p90",
        "one request tells them apart",
        "chance level",
        "best cut",
        "answers",
      ],
      results.map((r) => [
        r.operation,
        ms(r.account.medianMs),
        ms(r.account.p90Ms),
        ms(r.unknown.medianMs),
        ms(r.unknown.p90Ms),
        pct(r.oneRequestAccuracy),
        pct(r.chanceLevel),
        `${r.thresholdMs.toFixed(2)} ms (slower = ${r.slowerIs})`,
        formatTally(r.answers),
      ]),
    );
    console.log(
      "  50% = indistinguishable, 100% = every single request gives the address away. The best cut is chosen on the samples it is\n" +
        '  scored on, so it beats 50% by chance alone: "chance level" is its median score with the A/B labels shuffled at random.',
    );
    return {
      warmUpPairs: WARM_UP_PAIRS,
      accountAddress: ACCOUNT,
      unknownAddress: UNKNOWN,
      results,
      processAliveAtEnd: api.alive(),
    };
  });
}
