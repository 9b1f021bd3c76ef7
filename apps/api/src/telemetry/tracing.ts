import type { Logger } from "../logging/logger";
import type * as TracingSdk from "./tracing-sdk";

export const DEFAULT_SERVICE_NAME = "customer-portal-api";

export interface TracingSettings {
  serviceName: string;
}

/**
 * Whether traces are exported, read straight from the environment: tracing starts before the
 * configuration is loaded (config.ts validates the same variables and stops the process on a bad one).
 * Off without OTEL_EXPORTER_OTLP_ENDPOINT, with OTEL_SDK_DISABLED=true, and with an endpoint that is not an
 * http(s) URL (the process is about to stop on it: nothing is started with it meanwhile).
 */
export function tracingSettings(env: NodeJS.ProcessEnv): TracingSettings | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return null;
  const endpoint = env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || !URL.canParse(endpoint)) return null;
  if (!["http:", "https:"].includes(new URL(endpoint).protocol)) return null;
  return { serviceName: env.OTEL_SERVICE_NAME || DEFAULT_SERVICE_NAME };
}

let running: TracingSdk.RunningTracing | null = null;
let log: Logger | null = null;

/**
 * Starts tracing when the environment asks for it; returns whether it did. Must run before http, express,
 * graphql and pg are first required: the instrumentations patch them as they load (start-tracing.ts).
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): boolean {
  if (running) return true;
  const settings = tracingSettings(env);
  if (!settings) return false;
  // A synchronous, lazy load: the instrumentations must be in place before the next import of main.ts,
  // and a process without tracing should not pay for loading the SDK at all.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require("./tracing-sdk") as typeof TracingSdk;
  running = sdk.startSdk(settings);
  return true;
}

/** Once the logger exists: says that traces are exported, and logs the SDK's own warnings and errors. */
export function reportTracingTo(logger: Logger): void {
  if (!running) return;
  log = logger;
  running.reportProblemsTo(logger);
  logger.info("traces exported over OTLP/HTTP (OpenTelemetry)");
}

/**
 * Exports the spans still buffered (the last requests') and stops the exporter, waiting at most
 * `timeoutMs`: a collector that does not answer must not hold the process up. Nothing to do when off.
 */
export async function shutdownTracing(timeoutMs = 2000): Promise<void> {
  const current = running;
  running = null;
  if (!current) return;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), timeoutMs);
  });
  // A failed export is reported through the SDK's own logger (reportTracingTo); shutdown goes on.
  const finished = current.shutdown().then(
    () => "done" as const,
    () => "done" as const,
  );
  if ((await Promise.race([finished, deadline])) === "late")
    log?.warn(
      { afterMs: timeoutMs },
      "trace export unfinished at shutdown: the spans left are lost",
    );
  clearTimeout(timer);
}
