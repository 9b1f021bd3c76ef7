import type { IncomingMessage } from "node:http";
import type { Instrumentation } from "@opentelemetry/instrumentation";
import { ExpressInstrumentation, ExpressLayerType } from "@opentelemetry/instrumentation-express";
import { GraphQLInstrumentation } from "@opentelemetry/instrumentation-graphql";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";

/** Probes and scrapes: polled every few seconds, they would bury the requests people make. */
const UNTRACED_PATHS: ReadonlySet<string> = new Set(["/healthz", "/readyz", "/metrics"]);

/** Whether a request is left untraced (its path, whatever the query string or a trailing slash). */
export function isUntracedRequest(url: string | undefined): boolean {
  const path = (url ?? "/").split(/[?#]/, 1)[0]!.replace(/(.)\/+$/, "$1");
  return UNTRACED_PATHS.has(path);
}

/** What is traced, and how much of it. What a span may carry is decided later, in span-redaction.ts. */
export function tracingInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      // An ignored request runs with tracing suppressed: the readiness check's query makes no span either.
      ignoreIncomingRequestHook: (request: IncomingMessage) => isUntracedRequest(request.url),
      // The API calls nothing over HTTP but the trace exporter, whose requests are not traced anyway.
      disableOutgoingRequestInstrumentation: true,
    }),
    new ExpressInstrumentation({
      // Router spans end as they start and are named after the router's first route (every request
      // would pass a "router - /healthz"): the middleware and handler spans say what a request went through.
      ignoreLayersType: [ExpressLayerType.ROUTER],
    }),
    new GraphQLInstrumentation({
      allowValues: false,
      // type-graphql gives every field a resolver, so "trivial" resolvers are few: resolve spans stop at
      // the root fields and their own fields (me → me.contracts), list items merged into one path (`*`).
      ignoreTrivialResolveSpans: true,
      depth: 2,
      mergeItems: true,
    }),
    new PgInstrumentation({
      // Queries outside a request (the mail worker polls the outbox every second) would each be a trace.
      requireParentSpan: true,
      enhancedDatabaseReporting: false,
    }),
  ];
}
