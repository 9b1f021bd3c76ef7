import { loadConfig } from "../config/config";
import { isUntracedRequest } from "./instrumentations";
import { DEFAULT_SERVICE_NAME, shutdownTracing, startTracing, tracingSettings } from "./tracing";

test("tracing is off unless OTEL_EXPORTER_OTLP_ENDPOINT is set, and OTEL_SDK_DISABLED=true turns it off", () => {
  expect(tracingSettings({})).toBeNull();
  expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "" })).toBeNull();
  expect(tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toEqual({
    serviceName: DEFAULT_SERVICE_NAME,
  });
  expect(
    tracingSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: "https://collector:4318",
      OTEL_SERVICE_NAME: "portal-eu",
    }),
  ).toEqual({ serviceName: "portal-eu" });
  expect(
    tracingSettings({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_SDK_DISABLED: "TRUE",
    }),
  ).toBeNull();
});

test.each([
  "http://collector:4318",
  "https://otel.example/otlp",
  "collector:4318",
  "ftp://x",
  "::",
])(
  "the configuration refuses the endpoint %s exactly when tracing would not start with it",
  (endpoint) => {
    const starts = tracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }) !== null;
    const accepted = (() => {
      try {
        loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
        return true;
      } catch {
        return false;
      }
    })();
    expect(accepted).toBe(starts);
  },
);

test("a bad OTEL_EXPORTER_OTLP_ENDPOINT stops start-up with its name", () => {
  expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(
    /OTEL_EXPORTER_OTLP_ENDPOINT/,
  );
});

test("probes and scrapes are not traced, whatever their query string", () => {
  for (const url of ["/healthz", "/readyz", "/metrics", "/readyz?full=1", "/healthz/"])
    expect(isUntracedRequest(url)).toBe(true);
  for (const url of ["/graphql", "/", "/verify?token=abc", "/healthzz", undefined])
    expect(isUntracedRequest(url)).toBe(false);
});

test("without an endpoint nothing starts, and shutting down is immediate", async () => {
  expect(startTracing({})).toBe(false);
  await expect(shutdownTracing()).resolves.toBeUndefined();
});
