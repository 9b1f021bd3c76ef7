import { type ChildProcess, spawn } from "node:child_process";
import net, { type AddressInfo } from "node:net";
import autocannon from "autocannon";
import { THROTTLE_DEFAULTS } from "@portal/api/throttle/throttle.rules";
import type { Probe } from "./bench-probes";
import { interleaved, ratios } from "./bench-rounds";

export interface HttpRun {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Response `__typename`s (`SignedOut` for the trivial mutation): shows the load did what it claims. */
  outcomes: Record<string, number>;
}

/** Both mutations at one number of concurrent connections, in interleaved rounds. */
export interface HttpLevel {
  connections: number;
  /** One run each per round: trivial, selfEnroll, trivial again (the order reversed every other round). */
  trivial: HttpRun[];
  selfEnroll: HttpRun[];
  trivialAgain: HttpRun[];
  /** Per round: selfEnroll req/s ÷ the mean of the round's two trivial runs. */
  ratio: number[];
  /** Per round: the trivial mutation against itself (second run ÷ first): what noise alone makes. */
  noise: number[];
  /** With a baseline build (`--baseline-api`): its selfEnroll in the same rounds, and ours ÷ its, per round. */
  baseline?: { selfEnroll: HttpRun[]; ratio: number[] };
}

export interface HttpBench {
  /** One entry per number of connections, ascending. */
  levels: HttpLevel[];
  rounds: number;
  durationSeconds: number;
  /** Timed selfEnroll requests that had to reuse a visitor already sent (too few distinct probes). */
  repeatedVisitors: number;
  /** With `scrapeEverySeconds`: successful scrapes of the server's /metrics during the run. */
  scrapes?: number;
}

const SELF_ENROLL = `mutation SelfEnroll($input: SelfEnrollInput!) { selfEnroll(input: $input) { __typename } }`;
/** The baseline: a mutation that runs through the whole server but touches no database (no session cookie is sent). */
const PING = `mutation { signOut { __typename } }`;

/** Every throttle raised out of reach: the benchmark measures the work, not the limiter's refusals. */
const UNTHROTTLED = Object.fromEntries(
  Object.keys(THROTTLE_DEFAULTS).map((name) => [name, "1000000000/1"]),
);

/** `count` distinct free TCP ports on loopback (the server is then told to listen on them). */
async function freePorts(count: number): Promise<number[]> {
  const probes = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<net.Server>((resolve, reject) => {
          const probe = net.createServer();
          probe.once("error", reject);
          probe.listen(0, "127.0.0.1", () => resolve(probe));
        }),
    ),
  );
  const ports = probes.map((p) => (p.address() as AddressInfo).port);
  await Promise.all(probes.map((p) => new Promise((resolve) => p.close(resolve))));
  return ports;
}

/**
 * The product itself, as `pnpm start` runs it (dist/main.js), as a child process of the benchmark so
 * that autocannon and the server do not share an event loop; on the database given in `env`.
 */
async function startServerProcess(
  mainJs: string,
  env: Record<string, string | undefined>,
  metrics = false,
): Promise<{ url: string; child: ChildProcess; metricsUrl: string | null }> {
  // Both at once: a port probed and closed could be handed out again by the next probe.
  const [port, metricsPort] = await freePorts(2);
  const child = spawn(process.execPath, [mainJs], {
    env: {
      ...process.env,
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      DEMO_DATA: "false",
      // Two servers run side by side (--baseline-api): development's default port would clash.
      METRICS_PORT: metrics ? String(metricsPort) : "off",
      ...UNTHROTTLED,
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`))),
  );
  const ready = (async () => {
    for (;;) {
      const answered = await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      );
      if (answered) return url;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    url: await Promise.race([ready, exited]),
    child,
    metricsUrl: metrics ? `http://127.0.0.1:${metricsPort}/metrics` : null,
  };
}

/** SIGTERM, and SIGKILL after 10 s: a build under comparison may not stop on SIGTERM (the one before 2026-12-03 did not). */
function stopServerProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** One autocannon run cycling through `bodies`; `sent` counts the bodies handed out. */
async function load(
  url: string,
  bodies: string[],
  connections: number,
  duration: number,
): Promise<HttpRun & { sent: number }> {
  let next = 0;
  const outcomes: Record<string, number> = {};
  const result = await autocannon({
    url: `${url}/graphql`,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        path: "/graphql",
        headers: { "content-type": "application/json" },
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
        onResponse: (_status: number, body: string) => {
          const typename = /"__typename":"(\w+)"/.exec(body)?.[1] ?? "error";
          outcomes[typename] = (outcomes[typename] ?? 0) + 1;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    outcomes,
    sent: next,
  };
}

/**
 * Throughput and latency of `selfEnroll` under concurrent load against a trivial mutation on the same
 * server (`signOut` without a session: express, request id, logs, Apollo, context, a resolver and a
 * cookie header, no database): their ratio is the cost of enrollment itself. Load comes from a fixed
 * number of connections, each sending its next request when the last is answered. At each count the
 * two are measured in `rounds` interleaved rounds (trivial, selfEnroll, trivial again; reversed every
 * other round), so each round's ratio compares runs made under the same conditions, and the trivial
 * mutation against itself gives the noise beside it. One untimed warm-up of each comes first; every
 * timed selfEnroll gets a visitor of its own.
 */
export async function benchHttp(options: {
  /** The server to load: the product's dist/main.js, or another build's (`pnpm bench --api`). */
  mainJs?: string;
  /**
   * Another build's server (`pnpm bench --baseline-api`), on the same database: its selfEnroll runs in
   * the same rounds, so a change's cost is measured under the same conditions as the change.
   */
  baselineMainJs?: string;
  env: Record<string, string | undefined>;
  /** The baseline server's environment, when it may not share the database (PGlite: one process a folder). */
  baselineEnv?: Record<string, string | undefined>;
  /**
   * The server under test serves /metrics and is scraped this often, as Prometheus would, while the
   * baseline runs with metrics off (`pnpm bench --metrics-overhead`).
   */
  scrapeEverySeconds?: number;
  probes: Probe[];
  connections: number[];
  rounds: number;
  durationSeconds: number;
  warmupSeconds: number;
  say?: (line: string) => void;
}): Promise<HttpBench> {
  const { url, child, metricsUrl } = await startServerProcess(
    options.mainJs ?? require.resolve("@portal/api/main"),
    options.env,
    options.scrapeEverySeconds !== undefined,
  );
  let scrapes = 0;
  const scraper =
    metricsUrl && options.scrapeEverySeconds
      ? setInterval(() => {
          fetch(metricsUrl)
            .then(async (response) => {
              await response.text();
              if (response.ok) scrapes++;
            })
            .catch(() => {});
        }, options.scrapeEverySeconds * 1000)
      : undefined;
  const other = options.baselineMainJs
    ? await startServerProcess(options.baselineMainJs, options.baselineEnv ?? options.env).catch(
        async (error: unknown) => {
          await stopServerProcess(child);
          throw error;
        },
      )
    : null;
  try {
    const pingBodies = [JSON.stringify({ query: PING })];
    const enrollBodies = distinctByEmail(options.probes).map((p) =>
      JSON.stringify({
        query: SELF_ENROLL,
        variables: {
          input: {
            firstName: "Bench",
            lastName: "Visitor",
            email: p.email,
            billingPostalCode: p.billingPostalCode,
            contractId: p.contractId,
          },
        },
      }),
    );
    // Visitors are handed out in order and never twice while they last (to either server): an address
    // enrolled once would take the already-registered path on its next request.
    let used = 0;
    let repeatedVisitors = 0;
    const enroll = async (target: string, connections: number, seconds: number) => {
      const fresh = enrollBodies.slice(used);
      // After the last new visitor, the whole list again (not the tail on repeat: the tail holds few
      // customers' addresses, so a run on it alone would be nearly all rejections).
      const { sent, ...run } = await load(
        target,
        [...fresh, ...enrollBodies],
        connections,
        seconds,
      );
      used += sent;
      repeatedVisitors += Math.max(0, sent - fresh.length);
      return run;
    };
    const ping = async (connections: number, seconds: number) => {
      const { sent: _sent, ...run } = await load(url, pingBodies, connections, seconds);
      return run;
    };

    const counts = [...options.connections].sort((a, b) => a - b);
    await ping(counts[0]!, options.warmupSeconds);
    await enroll(url, counts[0]!, options.warmupSeconds);
    if (other) await enroll(other.url, counts[0]!, options.warmupSeconds);
    repeatedVisitors = 0;
    const levels: HttpLevel[] = [];
    for (const connections of counts) {
      const runs = await interleaved(
        options.rounds,
        {
          trivial: () => ping(connections, options.durationSeconds),
          selfEnroll: () => enroll(url, connections, options.durationSeconds),
          ...(other
            ? { selfEnrollBaseline: () => enroll(other.url, connections, options.durationSeconds) }
            : {}),
          trivialAgain: () => ping(connections, options.durationSeconds),
        } as Record<
          "trivial" | "selfEnroll" | "selfEnrollBaseline" | "trivialAgain",
          () => Promise<HttpRun>
        >,
        (round) =>
          options.say?.(`HTTP ${connections} connections: round ${round + 1} of ${options.rounds}`),
      );
      const rate = (list: HttpRun[]) => list.map((r) => r.requestsPerSecond);
      const trivialMean = rate(runs.trivial).map(
        (t, i) => (t + runs.trivialAgain[i]!.requestsPerSecond) / 2,
      );
      levels.push({
        connections,
        trivial: runs.trivial,
        selfEnroll: runs.selfEnroll,
        trivialAgain: runs.trivialAgain,
        ratio: ratios(rate(runs.selfEnroll), trivialMean),
        noise: ratios(rate(runs.trivialAgain), rate(runs.trivial)),
        ...(other
          ? {
              baseline: {
                selfEnroll: runs.selfEnrollBaseline,
                ratio: ratios(rate(runs.selfEnroll), rate(runs.selfEnrollBaseline)),
              },
            }
          : {}),
      });
    }
    return {
      levels,
      rounds: options.rounds,
      durationSeconds: options.durationSeconds,
      repeatedVisitors,
      ...(scraper ? { scrapes } : {}),
    };
  } finally {
    clearInterval(scraper);
    await stopServerProcess(child);
    if (other) await stopServerProcess(other.child);
  }
}

/** The first probe of each address: a repeated address would be a repeat enrollment, not a new one. */
function distinctByEmail(probes: Probe[]): Probe[] {
  const seen = new Set<string>();
  return probes.filter((p) => {
    const address = p.email.toLowerCase();
    return !seen.has(address) && Boolean(seen.add(address));
  });
}
