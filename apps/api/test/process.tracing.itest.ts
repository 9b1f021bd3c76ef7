import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type ApiProcess,
  COMPLETE,
  ME,
  OtlpReceiver,
  type ReceivedSpan,
  SELF_ENROLL,
  STRONG_PASSWORD,
  SmtpCapture,
  createTestDatabase,
  importFixture,
  logged,
  servicingFixture,
  productionTestEnv,
  startApiProcess,
  tokenFrom,
} from "@portal/test-support";
import { openDatabase } from "../src/db/database";
import { ALLOWED_EVENT_ATTRIBUTES, ALLOWED_SPAN_ATTRIBUTES } from "../src/telemetry/span-redaction";

/**
 * The built API as a real process with OpenTelemetry on, exporting to a receiver in this test: what
 * reaches a collector, and what never does. pg spans exist on PostgreSQL only: the embedded database
 * (PGlite) is not reached through the pg driver, so on it no pg span is expected.
 */

const onPostgres = Boolean(process.env.DATABASE_URL);
const USER_AGENT = "TracingProbe/7.3 (kestrel-laptop)";
const ELIGIBLE = {
  firstName: "Marguerite",
  lastName: "Oyelaran",
  email: "owner@us-customer.example",
  billingPostalCode: "94607",
  contractId: "US-001",
};
const REJECTED = {
  firstName: "Bartholomew",
  lastName: "Quisenberry",
  email: "stranger@elsewhere.example",
  billingPostalCode: "K1A 0B1",
  contractId: "UK-001",
};

/** The process's database, with the fixture: a throw-away PostgreSQL database or an embedded folder. */
async function prepareDatabase(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (onPostgres) {
    const created = await createTestDatabase();
    await importFixture(created.db, servicingFixture);
    return { env: { DATABASE_URL: created.url! }, drop: () => created.drop() };
  }
  // Embedded: one process at a time owns the folder, so it is filled here and closed before handing over.
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-tracing-"));
  const db = await openDatabase({ kind: "embedded", dataDir });
  await db.migrate();
  await importFixture(db, servicingFixture);
  await db.close();
  return {
    env: { DATA_DIR: dataDir },
    drop: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

let smtp: SmtpCapture;
let receiver: OtlpReceiver;
let database: Awaited<ReturnType<typeof prepareDatabase>>;
let api: ApiProcess | undefined;
beforeEach(async () => {
  smtp = await new SmtpCapture().start();
  receiver = await new OtlpReceiver().start();
  database = await prepareDatabase();
});
afterEach(async () => {
  await api?.kill();
  api = undefined;
  await database.drop();
  await receiver.stop();
  await smtp.stop();
});

function productionEnv(tracing: Record<string, string>): Record<string, string> {
  return productionTestEnv(smtp.url, { ...database.env, ...tracing });
}

/** A GraphQL request as a browser sends it: its own user agent, and the session cookie when it has one. */
async function graphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  cookie?: string,
): Promise<{ data: Record<string, any>; setCookie: string | null }> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "user-agent": USER_AGENT,
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: Record<string, any>; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return { data: body.data, setCookie: response.headers.get("set-cookie") };
}

/** A GET with this test's user agent; the body is read so that the connection is let go. */
async function get(url: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(url, { headers: { "user-agent": USER_AGENT, ...headers } });
  await response.text();
  return response.status;
}

async function stop(running: ApiProcess): Promise<{ code: number | null; tookMs: number }> {
  const signalledAt = Date.now();
  running.child.kill("SIGTERM");
  const exit = await running.exited;
  return { code: exit.code, tookMs: exit.atMs - signalledAt };
}

/** Every text a span carries to a collector: its name, attribute keys and values, events, links, status. */
function textsOf(span: ReceivedSpan): string[] {
  return [
    span.name,
    JSON.stringify(span.attributes),
    JSON.stringify(span.events),
    JSON.stringify(span.links),
    JSON.stringify(span.status),
    JSON.stringify(span.resource),
  ];
}

const SERVER = 2;
const serverSpans = (spans: ReceivedSpan[]) => spans.filter((span) => span.kind === SERVER);

test("HTTP, GraphQL (and on PostgreSQL pg) spans reach the collector with no personal data, probes untraced", async () => {
  api = await startApiProcess(
    productionEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      // What @opentelemetry/exporter-trace-otlp-http sends whatever this says; set as an operator would.
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_BSP_SCHEDULE_DELAY: "200",
      OTEL_SERVICE_NAME: "portal-tracing-test",
    }),
  );
  const url = api.url;
  expect(logged(api.lines, /^traces exported over OTLP/)).toHaveLength(1);
  for (const probe of ["/healthz", "/readyz", "/healthz?verbose=1"])
    expect(await get(`${url}${probe}`)).toBe(200);

  const started = await graphql(url, SELF_ENROLL, { input: ELIGIBLE });
  expect(started.data.selfEnroll.__typename).toBe("EnrollmentStarted");
  const rejected = await graphql(url, SELF_ENROLL, { input: REJECTED });
  expect(rejected.data.selfEnroll.__typename).toBe("EnrollmentRejected");
  const token = tokenFrom(await smtp.waitFor(ELIGIBLE.email), "verify");
  // The link from the mail, opened as a browser does: the token is in the query string.
  await get(`${url}/verify?token=${token}`, { accept: "text/html" });
  const completed = await graphql(url, COMPLETE, { input: { token, password: STRONG_PASSWORD } });
  expect(completed.data.completeEnrollment.__typename).toBe("EnrollmentCompleted");
  const cookie = completed.setCookie!.split(";")[0]!;
  const session = cookie.slice(cookie.indexOf("=") + 1);
  expect(session.length).toBeGreaterThan(20);
  const me = await graphql(url, ME, {}, cookie);
  expect(me.data.me.email).toBe(ELIGIBLE.email);
  await get(`${url}/healthz`);

  // Five traced requests: four POST /graphql and the page; the probes made none.
  await receiver.waitFor((spans) => serverSpans(spans).length >= 5);
  const exit = await stop(api);
  expect(exit.code).toBe(0);
  const spans = receiver.spans;

  const servers = serverSpans(spans);
  expect(servers.map((span) => span.name).sort()).toEqual([
    "GET",
    "POST /graphql",
    "POST /graphql",
    "POST /graphql",
    "POST /graphql",
  ]);
  for (const span of servers)
    expect(span.attributes).toMatchObject({ "http.request.method": span.name.split(" ")[0] });
  expect(servers.find((span) => span.name === "POST /graphql")!.attributes).toEqual({
    "http.request.method": "POST",
    "http.route": "/graphql",
    "http.response.status_code": 200,
    "url.scheme": "http",
    "server.port": Number(new URL(url).port),
    "network.protocol.version": "1.1",
  });
  expect(spans.every((span) => span.resource["service.name"] === "portal-tracing-test")).toBe(true);
  expect(spans[0]!.resource["service.version"]).toMatch(/^\d+\.\d+\.\d+/);

  // GraphQL: parse, validate, execute and the root resolvers, in the traces of the HTTP requests.
  const graphqlSpans = spans.filter((span) => span.scope.includes("instrumentation-graphql"));
  const names = new Set(graphqlSpans.map((span) => span.name));
  for (const name of [
    "graphql.parse",
    "graphql.validate",
    "mutation SelfEnroll",
    "graphql.resolve selfEnroll",
    "graphql.resolve completeEnrollment",
    "graphql.resolve me",
  ])
    expect(names).toContain(name);
  const requestTraces = new Set(servers.map((span) => span.traceId));
  const enrollSpans = graphqlSpans.filter((span) => span.name === "graphql.resolve selfEnroll");
  expect(enrollSpans).toHaveLength(2);
  for (const span of enrollSpans) expect(requestTraces).toContain(span.traceId);

  const pgSpans = spans.filter((span) => span.scope.includes("instrumentation-pg"));
  if (onPostgres) {
    expect(pgSpans.some((span) => span.name.startsWith("pg.query:eligibility_facts"))).toBe(true);
    for (const span of pgSpans) expect(requestTraces).toContain(span.traceId);
  } else {
    expect(pgSpans).toEqual([]);
  }

  // Only allowed attributes, no error messages, and none of the request's personal data anywhere.
  for (const span of spans) {
    for (const key of Object.keys(span.attributes)) expect(ALLOWED_SPAN_ATTRIBUTES).toContain(key);
    for (const event of span.events)
      for (const key of Object.keys(event.attributes))
        expect(ALLOWED_EVENT_ATTRIBUTES).toContain(key);
    expect(span.status.message ?? "").toBe("");
  }
  const forbidden = [
    ...Object.values(ELIGIBLE),
    ...Object.values(REJECTED),
    "us-customer",
    "94607-3410",
    "127.0.0.1",
    USER_AGENT,
    "kestrel",
    token,
    session,
    "portal_session",
    "token=",
    // The documents sent: their text and variables.
    "$input",
    "selfEnroll(input",
    "... on ",
    "password",
    STRONG_PASSWORD,
    "healthz",
    "readyz",
  ];
  const texts = spans.flatMap(textsOf);
  for (const value of forbidden) expect(texts.filter((text) => text.includes(value))).toEqual([]);
});

test("spans still buffered at SIGTERM are exported before the process exits", async () => {
  api = await startApiProcess(
    productionEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      // Nothing would be sent for a minute: what arrives is what shutdown flushed.
      OTEL_BSP_SCHEDULE_DELAY: "60000",
    }),
  );
  const rejected = await graphql(api.url, SELF_ENROLL, { input: REJECTED });
  expect(rejected.data.selfEnroll.__typename).toBe("EnrollmentRejected");
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(receiver.spans).toEqual([]);

  const exit = await stop(api);
  expect(exit.code).toBe(0);
  expect(exit.tookMs).toBeLessThan(5000);
  expect(serverSpans(receiver.spans).map((span) => span.name)).toEqual(["POST /graphql"]);
  expect(receiver.spans.map((span) => span.name)).toContain("graphql.resolve selfEnroll");
  expect(
    receiver.spans.every((span) => span.resource["service.name"] === "customer-portal-api"),
  ).toBe(true);
});

test("a collector that does not answer holds shutdown up 2 s at most", async () => {
  receiver.stalled = true;
  api = await startApiProcess(
    productionEnv({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
      OTEL_BSP_SCHEDULE_DELAY: "60000",
    }),
  );
  const rejected = await graphql(api.url, SELF_ENROLL, { input: REJECTED });
  expect(rejected.data.selfEnroll.__typename).toBe("EnrollmentRejected");

  const exit = await stop(api);
  expect(exit.code).toBe(0);
  expect(exit.tookMs).toBeLessThan(4000);
  expect(receiver.requests).toContain("POST /v1/traces");
  expect(logged(api.lines, /^trace export unfinished at shutdown/)).toHaveLength(1);
  expect(logged(api.lines, /^stopped$/)).toHaveLength(1);
});

test("without OTEL_EXPORTER_OTLP_ENDPOINT nothing is exported, and the process runs as usual", async () => {
  api = await startApiProcess(
    productionEnv({
      // The exporter alone would use this one; tracing is switched on by OTEL_EXPORTER_OTLP_ENDPOINT only.
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${receiver.endpoint}/v1/traces`,
      OTEL_BSP_SCHEDULE_DELAY: "100",
    }),
  );
  expect(logged(api.lines, /^traces exported/)).toEqual([]);
  const rejected = await graphql(api.url, SELF_ENROLL, { input: REJECTED });
  expect(rejected.data.selfEnroll.__typename).toBe("EnrollmentRejected");
  await new Promise((resolve) => setTimeout(resolve, 500));
  const exit = await stop(api);
  expect(exit.code).toBe(0);
  expect(receiver.requests).toEqual([]);
});
