import "reflect-metadata";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler } from "express";
import cookieParser from "cookie-parser";
import { pinoHttp } from "pino-http";
import type { Config } from "./config/config";
import type { Database } from "./db/database";
import type { GraphQLContext } from "./graphql/context";
import { hardenedOptions } from "./graphql/hardening";
import { metricsPlugin } from "./graphql/metrics.plugin";
import { buildAppSchema } from "./graphql/schema";
import { buildSupportSchema } from "./graphql/support-schema";
import { SUPPORT_MANIFEST, loadTrustedDocuments } from "./graphql/trusted-documents";
import { deviceCookies } from "./http/device-cookie";
import { boundedUserAgent, hashIp, portalLanguage } from "./http/request-meta";
import { securityHeaders } from "./http/security-headers";
import { healthRoutes } from "./http/health.routes";
import { supportEndpoint } from "./http/support.routes";
import { type MetricsServer, httpMetrics, startMetricsServer } from "./http/metrics.routes";
import { requestId } from "./http/request-id";
import { webAppRoutes } from "./http/web-app";
import { trustedDocuments } from "./http/trusted-documents.middleware";
import type { Logger } from "./logging/logger";
import { devMailboxRoutes } from "./http/dev-mailbox.routes";
import type { MailWorker } from "./mail/mail.worker";
import { createServices } from "./services";
import { sessionCookie } from "./http/session-cookie";
import type { SessionUser } from "./sessions/session.service";

/** pino-http's id for the request: ours (request-id.ts) is always a string. */
function requestIdOf(req: { id: unknown }): string {
  return typeof req.id === "string" ? req.id : JSON.stringify(req.id);
}

function httpErrorMessage(status: number, type: unknown): string {
  if (status === 413) return "Request body too large";
  if (type === "entity.parse.failed") return "Request body is not valid JSON";
  return status === 500 ? "Internal server error" : "Bad request";
}

export interface RunningServer {
  url: string;
  port: number;
  /** Where `GET /metrics` is served (METRICS_PORT), or null. */
  metricsUrl: string | null;
  /** Tests run a pass (`drain`) or pause the worker; the process stops it through `stop`. */
  mailWorker: Pick<MailWorker, "drain" | "start" | "stop">;
  stop(): Promise<void>;
}

/** Wires services, GraphQL and HTTP routes, starts the mail worker and starts listening. */
export async function startServer(
  config: Config,
  db: Database,
  log: Logger,
): Promise<RunningServer> {
  const production = config.NODE_ENV === "production";
  const services = createServices(config, db, log);
  const schema = await buildAppSchema(services.resolvers);
  const supportSchema = services.support
    ? await buildSupportSchema(services.support.resolvers)
    : null;
  // Before anything listens: a missing or stale manifest stops the start (ConfigError). The staff
  // pages' manifest is needed only where the support console is on.
  const { allowArbitraryOperations } = config.trustedDocuments;
  const trusted = loadTrustedDocuments(
    { file: config.trustedDocuments.file, allowArbitraryOperations, production },
    schema,
    log,
  );
  const supportTrusted = supportSchema
    ? loadTrustedDocuments(
        {
          file: config.trustedDocuments.supportFile,
          allowArbitraryOperations,
          production,
          kind: SUPPORT_MANIFEST,
        },
        supportSchema,
        log,
      )
    : null;

  const app = express();
  app.disable("x-powered-by");
  // Only believe X-Forwarded-For from configured proxies; otherwise the socket address is the client.
  app.set("trust proxy", config.trustProxy);
  const httpServer = http.createServer(app);

  const { armorPlugins, ...hardened } = hardenedOptions({
    introspection: config.introspection,
    log,
  });
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    ...hardened,
    // Automatic persisted queries: off unless deliberately turned on (nothing in the product uses them).
    persistedQueries: config.AUTOMATIC_PERSISTED_QUERIES ? {} : false,
    plugins: [
      ...armorPlugins,
      // Counted only where they are served (the cost of counting is what `pnpm bench --metrics-overhead` measures).
      ...(config.metrics ? [metricsPlugin(services.metrics, () => trusted.operationNames())] : []),
      // On stop: no new connections, in-flight requests finish (at most SHUTDOWN_GRACE_MS), then the rest are cut.
      ApolloServerPluginDrainHttpServer({
        httpServer,
        stopGracePeriodMillis: config.SHUTDOWN_GRACE_MS,
      }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
  });
  await apollo.start();

  if (config.metrics) app.use(httpMetrics(services.metrics));
  app.use(
    pinoHttp({
      logger: log,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === "/healthz" },
      // Method, path and status only: headers carry cookies and personal data.
      serializers: {
        // The path without its query: links carry single-use tokens (`/verify?token=…`).
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url.split("?")[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(securityHeaders(production));
  app.use(healthRoutes(db, services.throttles, services.mailTransport));
  app.use(cookieParser());
  if (config.mail.devMailbox && !production) app.use(devMailboxRoutes(services.outbox));
  const deviceCookie = deviceCookies("customer", config.ipHashSecret, config.sessions.secureCookie);
  app.use(
    "/graphql",
    // Refused early (413) from Content-Length, before the body is read or parsed.
    express.json({ limit: config.MAX_BODY_BYTES }),
    trustedDocuments({ documents: trusted, allowArbitraryOperations }),
    expressMiddleware(apollo, {
      context: ({ req, res }): Promise<GraphQLContext> => {
        const cookies = sessionCookie(req, res, config.sessions.secureCookie);
        let user: Promise<SessionUser | null> | undefined;
        const id = requestIdOf(req);
        return Promise.resolve({
          requestId: id,
          log: req.log,
          request: {
            meta: {
              requestId: id,
              ipHash: hashIp(req.ip, config.ipHashSecret),
              userAgent: boundedUserAgent(req.get("user-agent")),
            },
            log: req.log,
            cookies,
            device: deviceCookie(req, res),
            language: portalLanguage(req.get("accept-language")),
          },
          currentUser: () => (user ??= services.sessions.resolve(cookies.read())),
        });
      },
    }),
  );
  const support =
    services.support && supportSchema && supportTrusted
      ? await supportEndpoint({
          config,
          schema: supportSchema,
          auth: services.support.auth,
          trusted: { documents: supportTrusted, allowArbitraryOperations },
          plugins: config.metrics
            ? [metricsPlugin(services.metrics, () => supportTrusted.operationNames())]
            : [],
          log,
          requestIdOf,
        })
      : null;
  if (support) app.use(support.router);
  else
    app.use("/support/graphql", (_req, res) => {
      res.status(404).json({ error: "The support console is off: STAFF_SECRET_KEY is not set." });
    });
  app.use(webAppRoutes(config.WEB_DIST_DIR, { supportConsole: support !== null }));
  const handleError: ErrorRequestHandler = (error: unknown, req, res, _next) => {
    // body-parser and express errors carry the status the client earned (413, 400); anything else is ours.
    const { status: given, type } = (error ?? {}) as { status?: unknown; type?: unknown };
    const status = typeof given === "number" && given >= 400 && given < 500 ? given : 500;
    if (status === 500) req.log.error({ err: error }, "unhandled HTTP error");
    res.status(status).json({ error: httpErrorMessage(status, type) });
  };
  app.use(handleError);

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
      await apollo.stop();
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
      await apollo.stop();
      await support?.stop();
      await services.mailWorker.stop();
      await services.throttles.close();
      await metricsServer?.close();
    },
  };
}
