import "reflect-metadata";
import { randomBytes } from "node:crypto";
import pino from "pino";
import { loadConfig } from "@portal/api/config/config";
import { openDatabase } from "@portal/api/db/database";
import { startServer } from "@portal/api/server";
import { parseServicingExport } from "@portal/api/servicing/servicing-file.parser";
import { importServicingExport } from "@portal/api/servicing/servicing-import.service";
import { THROTTLE_DEFAULTS } from "@portal/api/throttle/throttle.rules";

/**
 * `pnpm bench:enumeration [--tries 200]` — measures whether the four rejection reasons can be told
 * apart by their answers: bytes (must be identical) and response time (median differences compared
 * with the noise between two halves of the same case). Runs a real server over HTTP on an embedded
 * in-memory database (or a throw-away schema on DATABASE_URL's server is not needed: data is tiny).
 */
const tries = Number(process.argv[process.argv.indexOf("--tries") + 1]) || 200;

const data = {
  customers: [
    { customerId: "C1", name: "One", email: "one@c1.example" },
    { customerId: "C2", name: "Two", email: "two@c2.example" },
  ],
  contracts: [
    {
      contractId: "K1",
      customerId: "C1",
      status: "BOOKED",
      billToLocationId: null,
      billingAddress: { line1: null, city: null, region: null, postalCode: "94607", country: "US" },
    },
    {
      contractId: "K1-OFF",
      customerId: "C1",
      status: "TERMINATED",
      billToLocationId: null,
      billingAddress: { line1: null, city: null, region: null, postalCode: "94607", country: "US" },
    },
    {
      contractId: "K2",
      customerId: "C2",
      status: "BOOKED",
      billToLocationId: null,
      billingAddress: { line1: null, city: null, region: null, postalCode: "10001", country: "US" },
    },
  ],
};

const CASES = {
  "unknown email": {
    email: "nobody@nowhere.example",
    billingPostalCode: "94607",
    contractId: "K1",
  },
  "wrong postal code": { email: "one@c1.example", billingPostalCode: "94608", contractId: "K1" },
  "contract not booked": {
    email: "one@c1.example",
    billingPostalCode: "94607",
    contractId: "K1-OFF",
  },
  "contract of another customer": {
    email: "one@c1.example",
    billingPostalCode: "10001",
    contractId: "K2",
  },
} as const;

const QUERY = `mutation($i: SelfEnrollInput!) { selfEnroll(input: $i) { __typename ... on EnrollmentRejected { code message } } }`;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const percentile = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function main() {
  const db = await openDatabase({ kind: "embedded", dataDir: null });
  await db.migrate();
  await importServicingExport(db, parseServicingExport(data));
  const config = loadConfig({
    NODE_ENV: "test",
    PORT: "0",
    HOST: "127.0.0.1",
    WEB_DIST_DIR: "/nonexistent",
    IP_HASH_SECRET: randomBytes(16).toString("hex"),
    // Enough room for every try: this measures the answers, not the limits.
    ...Object.fromEntries(Object.keys(THROTTLE_DEFAULTS).map((name) => [name, "1000000/3600"])),
  });
  const server = await startServer(config, db, pino({ level: "silent" }));
  const names = Object.keys(CASES) as (keyof typeof CASES)[];
  const times: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const bodies = new Set<string>();
  const call = async (name: keyof typeof CASES) => {
    const started = process.hrtime.bigint();
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: QUERY,
        variables: { i: { firstName: "A", lastName: "B", ...CASES[name] } },
      }),
    });
    const body = await response.text();
    return { ms: Number(process.hrtime.bigint() - started) / 1e6, body };
  };
  for (let i = 0; i < 20; i++) for (const name of names) await call(name); // warm-up
  for (let i = 0; i < tries; i++) {
    // Interleaved, in a rotating order, so drift in machine load hits every case alike.
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      const { ms, body } = await call(name);
      times[name]!.push(ms);
      bodies.add(body);
    }
  }
  await server.stop();
  await db.close();

  console.log(
    `Enumeration safety: ${tries} tries per case, interleaved, over HTTP (embedded database)\n`,
  );
  console.log(`${"case".padEnd(30)} ${"median ms".padStart(10)} ${"p90 ms".padStart(8)}`);
  for (const name of names)
    console.log(
      `${name.padEnd(30)} ${median(times[name]!).toFixed(3).padStart(10)} ${percentile(times[name]!, 90).toFixed(3).padStart(8)}`,
    );
  const medians = names.map((n) => median(times[n]!));
  const spread = Math.max(...medians) - Math.min(...medians);
  // Noise floor: how far apart the medians of two halves (odd/even tries) of the same case are.
  const noise = Math.max(
    ...names.map((n) =>
      Math.abs(
        median(times[n]!.filter((_, i) => i % 2 === 0)) -
          median(times[n]!.filter((_, i) => i % 2 === 1)),
      ),
    ),
  );
  console.log(`\nlargest median difference between reasons: ${spread.toFixed(3)} ms`);
  console.log(
    `noise (largest half-vs-half median difference within one reason): ${noise.toFixed(3)} ms`,
  );
  console.log(
    `distinct response bodies across all reasons: ${bodies.size} ${bodies.size === 1 ? "(byte-identical)" : "(DIFFERENT)"}`,
  );
  const ok = bodies.size === 1 && spread <= Math.max(noise * 2, 0.25);
  console.log(
    ok ? "PASS: answers are byte-identical and timing differences are within noise" : "FAIL",
  );
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
