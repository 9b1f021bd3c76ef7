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

export interface HttpBench {
  trivial: HttpRun;
  selfEnroll: HttpRun;
  connections: number;
  durationSeconds: number;
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

async function load(url: string, bodies: string[], connections: number, duration: number): Promise<HttpRun> {
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
  };
}

/**
 * Throughput and latency of `selfEnroll` under concurrent load against a do-nothing mutation on
 * the same server: their ratio is the cost of enrollment itself. Each run is preceded by an
 * untimed warm-up of the same requests.
 */
export async function benchHttp(options: {
  env: Record<string, string | undefined>;
  probes: Probe[];
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}): Promise<HttpBench> {
  const { url, child } = await startServerProcess(options.env);
  try {
    const pingBodies = [JSON.stringify({ query: PING })];
    const enrollBodies = options.probes.map((p, i) =>
      JSON.stringify({
        query: SELF_ENROLL,
        variables: { input: { firstName: "Bench", lastName: `Visitor ${i}`, email: p.email, billingPostalCode: p.billingPostalCode, contractId: p.contractId } },
      }),
    );
    // Warm-up requests come from the end of the list, timed ones from the start: no account is
    // created in the warm-up that the timed run would then find already enrolled.
    const warmupBodies = enrollBodies.slice(Math.floor(enrollBodies.length / 2));
    await load(url, pingBodies, options.connections, options.warmupSeconds);
    const trivial = await load(url, pingBodies, options.connections, options.durationSeconds);
    await load(url, warmupBodies, options.connections, options.warmupSeconds);
    const selfEnroll = await load(url, enrollBodies.slice(0, Math.floor(enrollBodies.length / 2)), options.connections, options.durationSeconds);
    return { trivial, selfEnroll, connections: options.connections, durationSeconds: options.durationSeconds };
  } finally {
    await stopServerProcess(child);
  }
}
