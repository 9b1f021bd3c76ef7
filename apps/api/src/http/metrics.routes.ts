import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestHandler } from "express";
import type { Logger } from "../logging/logger";
import type { PortalMetrics } from "../metrics/portal-metrics";

const METHODS = new Set(["GET", "POST", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE"]);

/**
 * The `route` label: one of a fixed list. Paths a visitor chooses (the web app's routes, anything
 * unknown) are all `app`, and the query string is never looked at: links carry tokens.
 */
export function routeLabel(path: string): string {
  if (
    path === "/graphql" ||
    path === "/support/graphql" ||
    path === "/healthz" ||
    path === "/readyz"
  )
    return path;
  if (path === "/support" || path.startsWith("/support/")) return "/support";
  if (path.startsWith("/dev/mailbox")) return "/dev/mailbox";
  if (path.startsWith("/assets/")) return "/assets";
  return "app";
}

/** Counts every answered request by route, method and status, when the answer is finished. */
export function httpMetrics(metrics: PortalMetrics): RequestHandler {
  return (req, res, next) => {
    // Read now: a router mounted on a path (app.use("/graphql", …)) shortens req.path on the way.
    const route = routeLabel(req.path);
    res.once("finish", () => {
      metrics.httpRequests.inc({
        route,
        method: METHODS.has(req.method) ? req.method : "OTHER",
        status: String(res.statusCode),
      });
    });
    next();
  };
}

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on its own port (METRICS_PORT), never on the public one: a load balancer forwards
 * the public port only, and the figures are for the operator's Prometheus.
 */
export async function startMetricsServer(
  metrics: PortalMetrics,
  port: number,
  host: string,
  log: Logger,
): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found: GET /metrics\n");
      return;
    }
    metrics.expose().then(
      (text) => {
        res.writeHead(200, { "content-type": metrics.contentType }).end(text);
      },
      (error: unknown) => {
        log.error({ err: error }, "metrics exposition failed");
        res.writeHead(500, { "content-type": "text/plain" }).end("metrics failed\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  server.on("error", (error) => log.error({ err: error }, "metrics server error"));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
