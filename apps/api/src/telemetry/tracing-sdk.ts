import { readFileSync } from "node:fs";
import path from "node:path";
import { DiagLogLevel, diag } from "@opentelemetry/api";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { registerInstrumentations } from "@opentelemetry/instrumentation";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import type { Logger } from "../logging/logger";
import { tracingInstrumentations } from "./instrumentations";
import { RedactingSpanExporter } from "./span-redaction";

/**
 * The OpenTelemetry SDK itself. Only tracing.ts loads this file, and only when tracing is on, so a
 * process without OTEL_EXPORTER_OTLP_ENDPOINT never loads the SDK.
 */

export interface RunningTracing {
  /** Routes the SDK's own warnings and errors (an unreachable collector, a refused export) to `log`. */
  reportProblemsTo(log: Logger): void;
  /** Exports the spans still buffered, then stops the exporter. */
  shutdown(): Promise<void>;
}

/** apps/api/package.json, from src/telemetry or dist/telemetry alike. */
function apiVersion(): string {
  const file = path.join(__dirname, "..", "..", "package.json");
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

export function startSdk(settings: { serviceName: string }): RunningTracing {
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(
      resourceFromAttributes({
        [ATTR_SERVICE_NAME]: settings.serviceName,
        [ATTR_SERVICE_VERSION]: apiVersion(),
      }),
    ),
    // The exporter reads the OTEL_EXPORTER_OTLP_* variables (endpoint, headers, timeout, compression) and
    // the processor OTEL_BSP_* (schedule delay, batch and queue sizes).
    spanProcessors: [new BatchSpanProcessor(new RedactingSpanExporter(new OTLPTraceExporter()))],
  });
  // W3C trace context: a proxy that starts the trace keeps it (its tracestate is not exported).
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: tracingInstrumentations(),
  });
  return {
    reportProblemsTo(log) {
      const child = log.child({ component: "opentelemetry" });
      const silent = () => {};
      // An Error among the arguments goes where pino serializes errors (message, type, stack).
      const fields = (args: unknown[]) => {
        const err = args.find((arg) => arg instanceof Error);
        return err ? { err } : { details: args };
      };
      diag.setLogger(
        {
          error: (message, ...args) => child.error(fields(args), message),
          warn: (message, ...args) => child.warn(fields(args), message),
          info: silent,
          debug: silent,
          verbose: silent,
        },
        { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true },
      );
    },
    shutdown: () => provider.shutdown(),
  };
}
