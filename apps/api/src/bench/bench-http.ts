import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { THROTTLE_DEFAULTS } from "../throttle/throttle.rules";
import type { Probe } from "./bench-probes";

export interface HttpRun {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Response `__typename`s (selfEnroll) or `ok` (ping): shows the load did what it claims. */
  outcomes: Record<string, number>;
}

/** Both mutations at one number of concurrent connections. */
export interface HttpLevel {
  connections: number;
  trivial: HttpRun;
  selfEnroll: HttpRun;
}

export interface HttpBench {
  /** One entry per number of connections, in the order run (ascending). */
  levels: HttpLevel[];
  /** Each mutation's throughput is its best rate over the levels: the rate it sustains once saturated. */
  trivial: HttpRun & { connections: number };
  selfEnroll: HttpRun & { connections: number };
  durationSeconds: number;
  /** Timed selfEnroll requests that had to reuse a visitor already sent (too few distinct probes). */
  repeatedVisitors: number;
}

const SELF_ENROLL = `mutation SelfEnroll($input: SelfEnrollInput!) { selfEnroll(input: $input) { __typename } }`;
const PING = `mutation { benchPing }`;

/** Every throttle raised out of reach: the benchmark measures the work, not the limiter's refusals. */
const UNTHROTTLED = Object.fromEntries(Object.keys(THROTTLE_DEFAULTS).map((name) => [name, "1000000000/1"]));

/** Starts dist/bench/bench-server.js on a free port with the database given in `env`. */
async function startServerProcess(env: Record<string, string | undefined>): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(__dirname, "bench-server.js")], {
    env: { ...process.env, NODE_ENV: "development", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn", DEMO_DATA: "false", ...UNTHROTTLED, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
    lines.on("line", (line) => {
      try {
        const parsed = JSON.parse(line) as { url?: string };
        if (parsed.url) resolve(parsed.url);
      } catch {
        // a log line
      }
    });
  });
  return { url, child };
}

function stopServerProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** One autocannon run cycling through `bodies`; `sent` counts the bodies handed out. */
async function load(url: string, bodies: string[], connections: number, duration: number): Promise<HttpRun & { sent: number }> {
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
          const typename = /"__typename":"(\w+)"/.exec(body)?.[1] ?? (body.includes('"benchPing":true') ? "ok" : "error");
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

/** A mutation's best rate over the levels, with the connection count it was reached at. */
function fastest(levels: HttpLevel[], mutation: "trivial" | "selfEnroll"): HttpRun & { connections: number } {
  const best = levels.reduce((a, b) => (b[mutation].requestsPerSecond > a[mutation].requestsPerSecond ? b : a));
  return { ...best[mutation], connections: best.connections };
}

/**
 * Throughput and latency of `selfEnroll` under concurrent load against a do-nothing mutation on
 * the same server: their ratio is the cost of enrollment itself. Load comes from a fixed number
 * of connections, each sending its next request when the last is answered, so a request that
 * waits on the database holds its connection: at a low count that measures latency rather than
 * how much the server can do. Both mutations therefore run at each count in `connections`
 * (ascending, one after the other at each count), and each one's throughput is its best rate.
 * Each mutation has one untimed warm-up at the first count; every timed selfEnroll run gets
 * visitors of its own.
 */
export async function benchHttp(options: {
  env: Record<string, string | undefined>;
  probes: Probe[];
  connections: number[];
  durationSeconds: number;
  warmupSeconds: number;
}): Promise<HttpBench> {
  const { url, child } = await startServerProcess(options.env);
  try {
    const pingBodies = [JSON.stringify({ query: PING })];
    const enrollBodies = distinctByEmail(options.probes).map((p) =>
      JSON.stringify({
        query: SELF_ENROLL,
        variables: { input: { firstName: "Bench", lastName: "Visitor", email: p.email, billingPostalCode: p.billingPostalCode, contractId: p.contractId } },
      }),
    );
    // Visitors are handed out in order and never twice while they last: an address enrolled once
    // would take the already-registered path on its next request.
    let used = 0;
    const enroll = async (connections: number, seconds: number) => {
      const fresh = enrollBodies.slice(used);
      const { sent, ...run } = await load(url, fresh.length > 0 ? fresh : enrollBodies, connections, seconds);
      used += sent;
      return { run, repeated: Math.max(0, sent - fresh.length) };
    };
    const ping = async (connections: number, seconds: number) => {
      const { sent: _sent, ...run } = await load(url, pingBodies, connections, seconds);
      return run;
    };

    const levels = [...options.connections].sort((a, b) => a - b);
    await ping(levels[0]!, options.warmupSeconds);
    await enroll(levels[0]!, options.warmupSeconds);
    // Level by level, the two mutations one after the other: each pair is measured under the same
    // conditions on the machine.
    const measured: HttpLevel[] = [];
    let repeatedVisitors = 0;
    for (const connections of levels) {
      const trivial = await ping(connections, options.durationSeconds);
      const { run: selfEnroll, repeated } = await enroll(connections, options.durationSeconds);
      measured.push({ connections, trivial, selfEnroll });
      repeatedVisitors += repeated;
    }
    return {
      levels: measured,
      trivial: fastest(measured, "trivial"),
      selfEnroll: fastest(measured, "selfEnroll"),
      durationSeconds: options.durationSeconds,
      repeatedVisitors,
    };
  } finally {
    await stopServerProcess(child);
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
