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
import { pinoHttp } from "pino-http";
import type { Config } from "./config/config";
import type { Database } from "./db/database";
import { EligibilityRepository } from "./enrollment/eligibility.repository";
import { EnrollmentRepository } from "./enrollment/enrollment.repository";
import { EnrollmentResolver } from "./enrollment/enrollment.resolver";
import { EnrollmentService } from "./enrollment/enrollment.service";
import type { GraphQLContext } from "./graphql/context";
import { maskErrors } from "./graphql/error-masking";
import { buildAppSchema } from "./graphql/schema";
import { healthRoutes } from "./http/health.routes";
import { requestId } from "./http/request-id";
import { webAppRoutes } from "./http/web-app";
import type { Logger } from "./logging/logger";

function httpErrorMessage(status: number, type: unknown): string {
  if (status === 413) return "Request body too large";
  if (type === "entity.parse.failed") return "Request body is not valid JSON";
  return status === 500 ? "Internal server error" : "Bad request";
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export type ServerConfig = Pick<Config, "NODE_ENV" | "PORT" | "HOST" | "WEB_DIST_DIR" | "introspection">;

/** Wires services, GraphQL and HTTP routes, and starts listening. */
export async function startServer(config: ServerConfig, db: Database, log: Logger): Promise<RunningServer> {
  const production = config.NODE_ENV === "production";
  const enrollment = new EnrollmentService(new EligibilityRepository(db.prisma), new EnrollmentRepository(db.prisma));
  const schema = await buildAppSchema([new EnrollmentResolver(enrollment)]);

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);
  const httpServer = http.createServer(app);

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    formatError: maskErrors(log),
    logger: log,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
  });
  await apollo.start();

  app.use(
    pinoHttp({
      logger: log,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === "/healthz" },
      // Method, path and status only: headers carry cookies and personal data.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(healthRoutes(db));
  app.use(
    "/graphql",
    express.json({ limit: "64kb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        requestId: String(req.id),
        log: req.log,
        ip: req.socket.remoteAddress ?? null,
        userAgent: req.get("user-agent") ?? null,
      }),
    }),
  );
  app.use(webAppRoutes(config.WEB_DIST_DIR));
  app.use(((error, req, res, _next) => {
    const status = typeof error?.status === "number" && error.status >= 400 && error.status < 500 ? error.status : 500;
    if (status === 500) req.log.error({ err: error }, "unhandled HTTP error");
    res.status(status).json({ error: httpErrorMessage(status, error?.type) });
  }) as ErrorRequestHandler);

  await new Promise<void>((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(config.PORT, config.HOST, resolve);
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = config.HOST === "0.0.0.0" ? "localhost" : config.HOST;
  return {
    url: `http://${host}:${port}`,
    port,
    stop: () => apollo.stop(),
  };
}
