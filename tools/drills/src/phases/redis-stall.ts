import { StallingProxy } from "@portal/test-support/standalone";
import { activeAccount } from "../accounts";
import { ALL_LOOSE, requireRedis, singleInstance, type DrillContext } from "../context";
import { ACCOUNTS } from "../fixture";
import { getRoute, label, SELF_ENROLL, send, SIGN_IN } from "../graphql";
import { withScope } from "../scope";
import { formatTally, median, tally } from "../stats";
import { ms, printTable } from "../table";

const TRIES_BEFORE_AND_AFTER = 3;
const TRIES_DURING = 10;
/** How long the drill waits for one answer during the stall (a client's patience, not the server's). */
const CLIENT_TIMEOUT_MS = 5000;

const guess = {
  firstName: "A",
  lastName: "B",
  email: "owner@us-customer.example",
  billingPostalCode: "11111",
  contractId: "US-002",
};
const wrongPassword = { email: ACCOUNTS.canada.email, password: "not the password at all" };

type Stage = "before" | "during stall" | "after resume";

/** `tries` sequential requests of one kind; latency and answer of each. */
async function measure(
  url: string,
  stage: Stage,
  operation: "selfEnroll" | "signIn",
  tries: number,
) {
  const samples: { ms: number; answer: string }[] = [];
  for (let i = 0; i < tries; i++) {
    const timed =
      operation === "selfEnroll"
        ? await send(url, SELF_ENROLL, { input: guess }, CLIENT_TIMEOUT_MS)
        : await send(url, SIGN_IN, { input: wrongPassword }, CLIENT_TIMEOUT_MS);
    samples.push({ ms: Math.round(timed.ms), answer: label(timed.outcome) });
  }
  const latencies = samples.map((s) => s.ms);
  return {
    stage,
    operation,
    tries,
    medianMs: median(latencies),
    maxMs: Math.max(...latencies),
    answers: tally(samples.map((s) => s.answer)),
    samples,
  };
}

async function readiness(url: string, stage: Stage) {
  const ready = await getRoute(url, "/readyz", CLIENT_TIMEOUT_MS);
  return { stage, status: ready.status, body: ready.body.slice(0, 400), ms: Math.round(ready.ms) };
}

/** Phase 4: Redis (the rate-limit store) connected but not answering. */
export async function redisStallPhase(ctx: DrillContext) {
  await requireRedis(ctx.redisUrl);
  return withScope(async (scope) => {
    const target = new URL(ctx.redisUrl);
    const proxy = await new StallingProxy(target.hostname, Number(target.port || 6379)).start();
    scope.defer("stop stalling proxy", () => proxy.stop());
    const { db, api } = await singleInstance(scope, ctx, "stall", {
      limits: ALL_LOOSE,
      redisUrl: `redis://127.0.0.1:${proxy.port}`,
    });
    await activeAccount(api.url, db.url, ACCOUNTS.canada);

    const rows = [];
    const ready = [];
    for (const operation of ["selfEnroll", "signIn"] as const)
      rows.push(await measure(api.url, "before", operation, TRIES_BEFORE_AND_AFTER));
    ready.push(await readiness(api.url, "before"));
    const stalledAt = Date.now();
    proxy.stall();
    try {
      for (const operation of ["selfEnroll", "signIn"] as const)
        rows.push(await measure(api.url, "during stall", operation, TRIES_DURING));
      ready.push(await readiness(api.url, "during stall"));
    } finally {
      proxy.resume();
    }
    const stallMs = Date.now() - stalledAt;
    for (const operation of ["selfEnroll", "signIn"] as const)
      rows.push(await measure(api.url, "after resume", operation, TRIES_BEFORE_AND_AFTER));
    ready.push(await readiness(api.url, "after resume"));

    printTable(
      `Phase 4: Redis stalled (connections open, nothing answered) for ${Math.round(stallMs / 1000)} s; client waits at most ${CLIENT_TIMEOUT_MS} ms per request`,
      ["stage", "operation", "tries", "median", "max", "answers"],
      rows.map((r) => [
        r.stage,
        r.operation,
        r.tries,
        ms(r.medianMs),
        ms(r.maxMs),
        formatTally(r.answers),
      ]),
    );
    printTable(
      "  /readyz",
      ["stage", "status", "time", "body"],
      ready.map((r) => [r.stage, r.status, ms(r.ms), r.body]),
    );
    return {
      clientTimeoutMs: CLIENT_TIMEOUT_MS,
      stallMs,
      processAliveAtEnd: api.alive(),
      measurements: rows,
      readyz: ready,
    };
  });
}
