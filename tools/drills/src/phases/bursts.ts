import { STRONG_PASSWORD, waitUntil } from "@portal/test-support/standalone";
import { activeAccount } from "../accounts";
import {
  apiEnv,
  freshSecret,
  requireRedis,
  smtpSink,
  startApi,
  type DrillContext,
} from "../context";
import { count, freshDatabase, withClient, type DrillDatabase } from "../database";
import { ACCOUNTS } from "../fixture";
import { label, REQUEST_PASSWORD_RESET, SELF_ENROLL, send, SIGN_IN } from "../graphql";
import { withScope } from "../scope";
import { formatTally, tally } from "../stats";
import { printTable } from "../table";

/** The shipped limits under test; the other dimensions are loose so that only these decide. */
const LIMITS = {
  RATE_LIMIT_ENROLL_CONTRACT: "5/3600",
  RATE_LIMIT_SIGNIN_EMAIL: "5/900",
  RATE_LIMIT_MAIL_EMAIL: "3/3600",
  RATE_LIMIT_ENROLL_IP: "100000/3600",
  RATE_LIMIT_ENROLL_CUSTOMER: "100000/3600",
  RATE_LIMIT_ENROLL_EMAIL: "100000/3600",
  RATE_LIMIT_SIGNIN_IP: "100000/3600",
  RATE_LIMIT_MAIL_IP: "100000/3600",
  RATE_LIMIT_TOKEN_IP: "100000/3600",
};

/** Sequential requests sent once a burst is over, while its window is still open. */
const FOLLOW_UPS = 10;

type Request = (url: string, i: number) => ReturnType<typeof send>;

/** `n` requests at once, spread in turn over the instances; the answer labels in request order. */
async function burst(urls: string[], n: number, request: Request): Promise<string[]> {
  const timed = await Promise.all(
    Array.from({ length: n }, (_, i) => request(urls[i % urls.length]!, i)),
  );
  return timed.map((t) => label(t.outcome));
}

async function oneByOne(url: string, n: number, request: Request): Promise<string[]> {
  const labels: string[] = [];
  for (let i = 0; i < n; i++) labels.push(label((await request(url, i)).outcome));
  return labels;
}

async function countsBy(
  db: DrillDatabase,
  sql: string,
  params: unknown[],
): Promise<Record<string, number>> {
  return withClient(db.url, async (client) => {
    const { rows } = await client.query<{ key: string; n: number }>(sql, params);
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  });
}

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

/** (a) Postal-code guesses on one contract, the right code (60601) at index 50. */
async function enrollBurst(urls: string[], db: DrillDatabase) {
  const contractId = "US-003";
  const guess = (code: string) => ({
    firstName: "A",
    lastName: "B",
    email: "owner@us-customer.example",
    billingPostalCode: code,
    contractId,
  });
  const judged = () =>
    countsBy(
      db,
      `SELECT reason_code AS key, count(*)::int AS n FROM enrollment_attempt
       WHERE contract_id = $1 AND reason_code NOT LIKE 'RATE_LIMITED%' GROUP BY reason_code`,
      [contractId],
    );
  const answers = await burst(urls, 100, (url, i) =>
    send(url, SELF_ENROLL, { input: guess(i === 50 ? "60601" : String(70000 + i)) }),
  );
  const judgedByReason = await judged();
  const later = await oneByOne(urls[1]!, FOLLOW_UPS, (url, i) =>
    send(url, SELF_ENROLL, { input: guess(String(80000 + i)) }),
  );
  return {
    requests: 100,
    limit: "5/3600 per contract",
    judged: sum(judgedByReason),
    judgedByReason,
    rightCodeAnswer: answers[50]!,
    answers: tally(answers),
    followUps: {
      sequential: FOLLOW_UPS,
      judged: sum(await judged()) - sum(judgedByReason),
      answers: tally(later),
    },
  };
}

/** (b) Password guesses for one active account, the right password at index 100. */
async function signInBurst(urls: string[], db: DrillDatabase) {
  const email = ACCOUNTS.canada.email;
  const checked = () =>
    countsBy(
      db,
      `SELECT outcome AS key, count(*)::int AS n FROM audit_event WHERE event_type = 'SIGN_IN' AND outcome <> 'THROTTLED' AND email = $1 GROUP BY outcome`,
      [email],
    );
  const answers = await burst(urls, 200, (url, i) =>
    send(url, SIGN_IN, {
      input: { email, password: i === 100 ? STRONG_PASSWORD : `wrong guess number ${i}` },
    }),
  );
  const judgedByOutcome = await checked();
  const later = await oneByOne(urls[1]!, FOLLOW_UPS, (url, i) =>
    send(url, SIGN_IN, { input: { email, password: `later wrong guess ${i}` } }),
  );
  return {
    requests: 200,
    limit: "5/900 per email",
    judged: sum(judgedByOutcome),
    judgedByOutcome,
    rightPasswordAnswer: answers[100]!,
    answers: tally(answers),
    followUps: {
      sequential: FOLLOW_UPS,
      judged: sum(await checked()) - sum(judgedByOutcome),
      answers: tally(later),
    },
  };
}

/** (c) Password-reset requests for one address (an active account, so each accepted one means a mail). */
async function resetBurst(urls: string[], db: DrillDatabase) {
  const email = ACCOUNTS.uk.email;
  const answers = await burst(urls, 30, (url) => send(url, REQUEST_PASSWORD_RESET, { email }));
  const accepted = await count(
    db.url,
    `SELECT count(*) FROM audit_event WHERE event_type = 'PASSWORD_RESET_REQUESTED' AND outcome = 'ACCEPTED' AND email = $1`,
    [email],
  );
  // The new code composes the mail later, in the mail worker (from mail_request): give it a few seconds.
  const mails = await waitUntil(
    () =>
      count(
        db.url,
        `SELECT count(*) FROM mail_outbox WHERE to_address = $1 AND kind = 'PASSWORD_RESET'`,
        [email],
      ),
    (n) => n >= accepted,
    8000,
    250,
  );
  const hasMailRequests =
    (await count(db.url, `SELECT count(*) FROM pg_tables WHERE tablename = 'mail_request'`)) > 0;
  const pendingRequests = hasMailRequests
    ? await count(db.url, `SELECT count(*) FROM mail_request WHERE email = $1`, [email])
    : null;
  return {
    requests: 30,
    limit: "3/3600 per email",
    accepted,
    resetMailsInOutbox: mails,
    pendingMailRequests: pendingRequests,
    answers: tally(answers),
  };
}

/**
 * Phase 1: parallel bursts over two instances sharing one Redis, as an attacker sends them. "Judged" is
 * read from what only an evaluation writes (the attempt's reason, the audit event of a checked
 * password, an accepted mail request), so it does not depend on the answers.
 */
export async function burstsPhase(ctx: DrillContext) {
  await requireRedis(ctx.redisUrl);
  return withScope(async (scope) => {
    const db = await freshDatabase(scope, ctx, "bursts");
    const smtp = await smtpSink(scope);
    // One fresh secret for both: the same throttle keys on both instances, none left from earlier runs.
    const env = apiEnv({ smtp, db, secret: freshSecret(), redisUrl: ctx.redisUrl, limits: LIMITS });
    const instances = [
      await startApi(scope, ctx.mainJs, env),
      await startApi(scope, ctx.mainJs, env),
    ];
    const urls = instances.map((api) => api.url);
    await activeAccount(urls[0]!, db.url, ACCOUNTS.canada);
    await activeAccount(urls[0]!, db.url, ACCOUNTS.uk);

    const enroll = await enrollBurst(urls, db);
    const signIn = await signInBurst(urls, db);
    const reset = await resetBurst(urls, db);

    printTable(
      "Phase 1: parallel bursts over two instances sharing Redis",
      ["burst", "requests", "limit", "judged", "detail", "answers"],
      [
        [
          "selfEnroll US-003 guesses",
          enroll.requests,
          enroll.limit,
          enroll.judged,
          `${formatTally(enroll.judgedByReason)}; right code got ${enroll.rightCodeAnswer}`,
          formatTally(enroll.answers),
        ],
        [
          "signIn guesses",
          signIn.requests,
          signIn.limit,
          signIn.judged,
          `${formatTally(signIn.judgedByOutcome)}; right password got ${signIn.rightPasswordAnswer}`,
          formatTally(signIn.answers),
        ],
        [
          "requestPasswordReset",
          reset.requests,
          reset.limit,
          reset.accepted,
          `accepted (audit); ${reset.resetMailsInOutbox} reset mails in the outbox` +
            (reset.pendingMailRequests === null
              ? ""
              : `, ${reset.pendingMailRequests} mail_request rows left`),
          formatTally(reset.answers),
        ],
      ],
    );
    console.log(
      `  then ${FOLLOW_UPS} more guesses one by one (window still open): ` +
        `selfEnroll judged ${enroll.followUps.judged} (${formatTally(enroll.followUps.answers)}); ` +
        `signIn judged ${signIn.followUps.judged} (${formatTally(signIn.followUps.answers)})`,
    );
    const alive = instances.filter((api) => api.alive()).length;
    if (alive < 2) console.log(`  ${2 - alive} of 2 instances exited during the bursts`);
    return { instances: 2, limits: LIMITS, enroll, signIn, reset, instancesAliveAtEnd: alive };
  });
}
