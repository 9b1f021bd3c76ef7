import type { Attributes, AttributeValue, SpanContext } from "@opentelemetry/api";
import type { ReadableSpan, SpanExporter, TimedEvent } from "@opentelemetry/sdk-trace-base";

/**
 * The only span attributes that leave the process. An allowlist, not a blocklist: the instrumentations
 * record the client address, user agent, URL path and query (verification and reset links carry their
 * token there), the GraphQL document, SQL text and error messages, and a new version may record more;
 * whatever is not named here is dropped before export. Documented in docs/operations.md.
 */
export const ALLOWED_SPAN_ATTRIBUTES: ReadonlySet<string> = new Set([
  // HTTP server spans: the route template, never the URL.
  "http.request.method",
  "http.route",
  "http.response.status_code",
  "url.scheme",
  "server.port",
  "network.protocol.version",
  "error.type",
  // express: layer kind and the middleware's function name or the route template.
  "express.type",
  "express.name",
  // GraphQL: operation and field names come from the schema and the client's document, never its values.
  "graphql.operation.type",
  "graphql.operation.name",
  "graphql.field.name",
  "graphql.field.path",
  "graphql.field.type",
  "graphql.parent.name",
  // pg: which database and which statement, never its text or parameters. The text is dropped although
  // the API's SQL is parameterized: raw statements ($queryRawUnsafe, migration scripts) are not checked
  // for inlined values, and the span name already says the command or the prepared statement's name.
  "db.system.name",
  "db.namespace",
  "db.operation.name",
  "db.postgresql.plan",
]);

/**
 * Attributes kept on span events: an exception's type only. Its message and stack can carry input (a
 * GraphQL validation error quotes the value it refused, a PostgreSQL error the text it could not parse).
 */
export const ALLOWED_EVENT_ATTRIBUTES: ReadonlySet<string> = new Set(["exception.type"]);

/** A URL's query and fragment removed, wherever one would show up in a name or a value. */
function withoutQuery(text: string): string {
  const cut = text.search(/[?#]/);
  return cut === -1 ? text : text.slice(0, cut);
}

function cleanValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === "string") return withoutQuery(value);
  if (Array.isArray(value))
    return value.map((item: unknown) =>
      typeof item === "string" ? withoutQuery(item) : item,
    ) as AttributeValue;
  return value;
}

function keep(attributes: Attributes | undefined, allowed: ReadonlySet<string>): Attributes {
  const kept: Attributes = {};
  for (const [key, value] of Object.entries(attributes ?? {}))
    if (allowed.has(key) && value !== undefined) kept[key] = cleanValue(value);
  return kept;
}

/** A propagated `tracestate` is whatever the caller sent: it is not exported. */
function withoutTraceState(context: SpanContext): SpanContext {
  const { traceState: _dropped, ...rest } = context;
  return rest;
}

/**
 * The span as it may leave the process: allowed attributes only, names without query strings, the
 * status without its message (an error's message), events without messages and stacks, links without
 * attributes. Timing, ids, kind, resource and scope are kept as they are.
 */
export function redactSpan(span: ReadableSpan): ReadableSpan {
  const context = withoutTraceState(span.spanContext());
  const events: TimedEvent[] = span.events.map((event) => ({
    time: event.time,
    name: withoutQuery(event.name),
    attributes: keep(event.attributes, ALLOWED_EVENT_ATTRIBUTES),
    droppedAttributesCount: event.droppedAttributesCount,
  }));
  return {
    name: withoutQuery(span.name),
    kind: span.kind,
    spanContext: () => context,
    parentSpanContext: span.parentSpanContext && withoutTraceState(span.parentSpanContext),
    startTime: span.startTime,
    endTime: span.endTime,
    duration: span.duration,
    ended: span.ended,
    status: { code: span.status.code },
    attributes: keep(span.attributes, ALLOWED_SPAN_ATTRIBUTES),
    links: span.links.map((link) => ({ context: withoutTraceState(link.context) })),
    events,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  };
}

/** Wraps the real exporter: every span is redacted on its way out, whichever instrumentation made it. */
export class RedactingSpanExporter implements SpanExporter {
  constructor(private readonly next: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: Parameters<SpanExporter["export"]>[1]): void {
    this.next.export(spans.map(redactSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush?.() ?? Promise.resolve();
  }
}
