import { SpanKind, SpanStatusCode, TraceFlags, createTraceState } from "@opentelemetry/api";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";
import { ALLOWED_SPAN_ATTRIBUTES, RedactingSpanExporter } from "./span-redaction";

const EMAIL = "pat.q@example.com";
const TOKEN = "Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eHF1dXg";

/** Spans made by a real tracer, exported through the redacting exporter into memory. */
function exported(record: (tracer: ReturnType<BasicTracerProvider["getTracer"]>) => void) {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(new RedactingSpanExporter(memory))],
  });
  record(provider.getTracer("test"));
  return memory.getFinishedSpans();
}

function everyText(span: ReadableSpan): string {
  return JSON.stringify([
    span.name,
    span.attributes,
    span.status,
    span.events,
    span.links.map((link) => link.attributes),
    span.spanContext().traceState?.serialize(),
  ]);
}

test("an HTTP server span keeps its method, route and status, and loses the URL, client and headers", () => {
  const [span] = exported((tracer) => {
    const s = tracer.startSpan(`GET /verify?token=${TOKEN}`, {
      kind: SpanKind.SERVER,
      attributes: {
        "http.request.method": "GET",
        "http.route": "/verify",
        "http.response.status_code": 200,
        "url.scheme": "http",
        "url.path": "/verify",
        "url.query": `token=${TOKEN}`,
        "url.full": `http://portal.test/verify?token=${TOKEN}`,
        "client.address": "203.0.113.9",
        "network.peer.address": "203.0.113.9",
        "network.peer.port": 51234,
        "server.address": "portal.test",
        "server.port": 4000,
        "user_agent.original": "Mozilla/5.0 (Pat's laptop)",
        "http.request.header.cookie": ["portal_session=abc"],
      },
    });
    s.end();
  });
  expect(span!.name).toBe("GET /verify");
  expect(span!.kind).toBe(SpanKind.SERVER);
  expect(span!.attributes).toEqual({
    "http.request.method": "GET",
    "http.route": "/verify",
    "http.response.status_code": 200,
    "url.scheme": "http",
    "server.port": 4000,
  });
});

test("GraphQL and pg spans lose the document, variables, SQL text and parameters", () => {
  const spans = exported((tracer) => {
    tracer
      .startSpan("mutation SelfEnroll", {
        attributes: {
          "graphql.operation.type": "mutation",
          "graphql.operation.name": "SelfEnroll",
          "graphql.source": `mutation SelfEnroll { selfEnroll(input: { email: "${EMAIL}" }) { __typename } }`,
          "graphql.variables.input.email": EMAIL,
          "graphql.variables.input.contractId": "US-001",
        },
      })
      .end();
    tracer
      .startSpan("pg.query:SELECT portal", {
        kind: SpanKind.CLIENT,
        attributes: {
          "db.system.name": "postgresql",
          "db.namespace": "portal",
          "db.query.text": `SELECT * FROM portal_user WHERE email = '${EMAIL}'`,
          "db.statement": `SELECT * FROM portal_user WHERE email = '${EMAIL}'`,
          "db.postgresql.values": [EMAIL, "94607"],
          "db.user": "portal_app",
          "server.address": "10.0.0.5",
        },
      })
      .end();
  });
  expect(spans.map((span) => span.attributes)).toEqual([
    { "graphql.operation.type": "mutation", "graphql.operation.name": "SelfEnroll" },
    { "db.system.name": "postgresql", "db.namespace": "portal" },
  ]);
});

test("an error keeps its type: its message, stack and the status message are dropped", () => {
  const [span] = exported((tracer) => {
    const s = tracer.startSpan("graphql.validate");
    s.recordException({
      name: "graphql.validation.error",
      message: `Expected value of type "String!", found "${EMAIL}"`,
      stack: `Error: ${EMAIL}\n    at validate`,
    });
    s.setStatus({ code: SpanStatusCode.ERROR, message: `invalid input: ${EMAIL}` });
    s.end();
  });
  expect(span!.status).toEqual({ code: SpanStatusCode.ERROR });
  expect(span!.events.map((event) => [event.name, event.attributes])).toEqual([
    ["exception", { "exception.type": "graphql.validation.error" }],
  ]);
});

test("whatever an instrumentation adds, only allowed keys leave, and no personal value does", () => {
  const personal = {
    "enduser.id": "user-42",
    "app.email": EMAIL,
    "app.contract_id": "US-001",
    "app.postal_code": "94607",
    "app.name": "Pat Quinn",
    "http.request.header.set-cookie": ["portal_session=s3cr3t"],
  };
  const [span] = exported((tracer) => {
    const s = tracer.startSpan("work", {
      attributes: { ...personal, "http.route": `/reset-password?token=${TOKEN}` },
      links: [
        {
          context: {
            traceId: "0af7651916cd43dd8448eb211c80319c",
            spanId: "b7ad6b7169203331",
            traceFlags: TraceFlags.SAMPLED,
            traceState: createTraceState(`vendor=${EMAIL}`),
          },
          attributes: { "app.email": EMAIL },
        },
      ],
    });
    s.addEvent("note", { "app.email": EMAIL });
    s.end();
  });
  for (const key of Object.keys(span!.attributes)) expect(ALLOWED_SPAN_ATTRIBUTES).toContain(key);
  expect(span!.attributes).toEqual({ "http.route": "/reset-password" });
  const text = everyText(span!);
  for (const value of [EMAIL, TOKEN, "US-001", "94607", "Pat Quinn", "s3cr3t", "user-42"])
    expect(text).not.toContain(value);
  // Timing and identity survive: the trace is still a trace.
  expect(span!.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
  expect(span!.links[0]!.context.spanId).toBe("b7ad6b7169203331");
});
