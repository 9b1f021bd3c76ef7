import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import cookieParser from "cookie-parser";
import type { Config } from "./config/config";
import type { Database } from "./db/database";
import { buildAppSchema } from "./graphql/schema";
import { buildSupportSchema } from "./graphql/support-schema";
import { PUBLIC_MANIFEST, SUPPORT_MANIFEST } from "./graphql/trusted-documents";
import { customerContext, staffContext } from "./http/contexts";
import { devMailboxRoutes } from "./http/dev-mailbox.routes";
import { handleHttpError } from "./http/error-handler";
import { notFound } from "./http/not-found";
import { type GraphqlEndpoint, graphqlEndpoint } from "./http/graphql-endpoint";
import { healthRoutes } from "./http/health.routes";
import { type MetricsServer, httpMetrics, startMetricsServer } from "./http/metrics.routes";
import { requestLog } from "./http/request-log";
import { securityHeaders } from "./http/security-headers";
import { webAppRoutes } from "./http/web-app";
import type { Logger } from "./logging/logger";
import type { MailWorker } from "./mail/mail.worker";
import { createServices } from "./services";

export interface RunningServer {
  url: string;
  port: number;
  /** Where `GET /metrics` is served (METRICS_PORT), or null. */
  metricsUrl: string | null;
  /** Tests run a pass (`drain`) or pause the worker; the process stops it through `stop`. */
  mailWorker: Pick<MailWorker, "drain" | "start" | "stop">;
  stop(): Promise<void>;
}

/** Composes services, the two GraphQL endpoints and the HTTP routes, starts the mail worker and listens. */
export async function startServer(
  config: Config,
  db: Database,
  log: Logger,
): Promise<RunningServer> {
  const production = config.NODE_ENV === "production";
  const services = createServices(config, db, log);
  const metrics = config.metrics ? services.metrics : null;
  const app = express();
  app.disable("x-powered-by");
  // Only believe X-Forwarded-For from configured proxies; otherwise the socket address is the client.
  app.set("trust proxy", config.trustProxy);
  const httpServer = http.createServer(app);

  // Built before anything listens: a missing or stale manifest stops the start (ConfigError).
  const endpoints: GraphqlEndpoint[] = [];
  const stopEndpoints = async () => {
    for (const endpoint of endpoints) await endpoint.stop();
  };
  try {
    endpoints.push(
      await graphqlEndpoint({
        manifest: PUBLIC_MANIFEST,
        manifestFile: config.trustedDocuments.file,
        schema: await buildAppSchema(services.resolvers),
        context: customerContext(config, services.sessions),
        config,
        log,
        metrics,
        drain: httpServer,
        automaticPersistedQueries: config.AUTOMATIC_PERSISTED_QUERIES,
      }),
    );
    // The staff pages' manifest is needed only where the support console is on.
    if (services.support)
      endpoints.push(
        await graphqlEndpoint({
          manifest: SUPPORT_MANIFEST,
          manifestFile: config.trustedDocuments.supportFile,
          schema: await buildSupportSchema(services.support),
          context: staffContext(config, services.support.auth),
          config,
          log,
          metrics,
        }),
      );
  } catch (error) {
    await stopEndpoints();
    throw error;
  }

  if (metrics) app.use(httpMetrics(metrics));
  app.use(requestLog(log));
  app.use(securityHeaders(production));
  app.use(healthRoutes(db, services.throttles, services.mailTransport));
  app.use(cookieParser());
  if (config.mail.devMailbox && !production) app.use(devMailboxRoutes(services.outbox));
  for (const endpoint of endpoints) app.use(endpoint.router);
  if (!services.support)
    app.use("/support/graphql", (_req, res) => {
      res.status(404).json({ error: "The support console is off: STAFF_SECRET_KEY is not set." });
    });
  app.use(webAppRoutes(config.WEB_DIST_DIR, { supportConsole: services.support !== null }));
  app.use(notFound());
  app.use(handleHttpError);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  let metricsServer: MetricsServer | null = null;
  if (config.metrics) {
    try {
      metricsServer = await startMetricsServer(
        services.metrics,
        config.metrics.port,
        config.metrics.host,
        log,
      );
    } catch (error) {
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await stopEndpoints();
      throw new Error(
        `METRICS_PORT: cannot serve /metrics on ${config.metrics.host}:${config.metrics.port} (${(error as Error).message}); set another port or METRICS_PORT=off`,
      );
    }
  }
  services.mailWorker.start();
  if (!(await services.throttles.ready(5000))) {
    log.error(
      "rate-limit store (Redis) not reachable: throttled operations are refused until it is",
    );
  } else {
    log.info({ store: services.throttles.storeKind }, "rate limits ready");
  }
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  const metricsHost = config.metrics?.host === "0.0.0.0" ? "localhost" : config.metrics?.host;
  return {
    url: `http://${host}:${port}`,
    port,
    metricsUrl: metricsServer ? `http://${metricsHost}:${metricsServer.port}/metrics` : null,
    mailWorker: services.mailWorker,
    /** Stops accepting, lets in-flight requests finish, stops the mail worker, closes the limiter store. */
    async stop() {
      await stopEndpoints();
      await services.mailWorker.stop();
      await services.throttles.close();
      await metricsServer?.close();
    },
  };
}
