import type http from "node:http";
import { ApolloServer, type BaseContext } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Request, type Response, Router } from "express";
import type { GraphQLSchema } from "graphql";
import type { Config } from "../config/config";
import { hardenedOptions } from "../graphql/hardening";
import { metricsPlugin } from "../graphql/metrics.plugin";
import {
  type ManifestKind,
  type TrustedDocuments,
  loadTrustedDocuments,
} from "../graphql/trusted-documents";
import type { Logger } from "../logging/logger";
import type { PortalMetrics } from "../metrics/portal-metrics";
import type { RequestMeta } from "../request/request-context";
import { boundedUserAgent, hashIp } from "./request-meta";
import { trustedDocuments } from "./trusted-documents.middleware";

/** What every endpoint knows of a request before its own context is built. */
export interface EndpointRequest {
  req: Request;
  res: Response;
  requestId: string;
  log: Logger;
  /** Request id, keyed hash of the client IP, bounded user agent: what services and the audit trail get. */
  meta: RequestMeta;
}

export interface GraphqlEndpointOptions<Context extends BaseContext> {
  /** Where it is mounted; also names the manifest's endpoint in messages. */
  manifest: ManifestKind;
  /** The manifest file (TRUSTED_DOCUMENTS_FILE or SUPPORT_TRUSTED_DOCUMENTS_FILE). */
  manifestFile: string;
  schema: GraphQLSchema;
  /** The endpoint's own context: its session, its current user. */
  context: (request: EndpointRequest) => Context;
  config: Config;
  log: Logger;
  /** Counted where /metrics is served (METRICS_PORT); null otherwise. */
  metrics: PortalMetrics | null;
  /**
   * The server whose connections Apollo drains when it stops (at most SHUTDOWN_GRACE_MS). One
   * endpoint of a process takes it: draining is the server's, not the endpoint's.
   */
  drain?: http.Server;
  /** Apollo's automatic persisted queries (AUTOMATIC_PERSISTED_QUERIES); off unless asked. */
  automaticPersistedQueries?: boolean;
}

export interface GraphqlEndpoint {
  router: Router;
  /** The operations it runs by hash (their names label the metrics). */
  trusted: TrustedDocuments;
  stop(): Promise<void>;
}

/** pino-http's id for the request: ours (request-id.ts) is always a string. */
export function requestIdOf(req: { id: unknown }): string {
  return typeof req.id === "string" ? req.id : JSON.stringify(req.id);
}

/**
 * One GraphQL endpoint, built the same way for `/graphql` and `/support/graphql`: the manifest of
 * trusted documents is loaded and checked first (a missing or stale one stops the start), then an
 * Apollo server with the shared hardening (armor, one mutation a request, CSRF prevention, masked
 * errors), the metrics plugin where /metrics is served and the landing page of the mode; the
 * router takes JSON bodies up to MAX_BODY_BYTES, refuses what the manifest does not allow and
 * builds the endpoint's context. Options in, a mounted endpoint out (graphql-yoga's plugin shape).
 */
export async function graphqlEndpoint<Context extends BaseContext>(
  options: GraphqlEndpointOptions<Context>,
): Promise<GraphqlEndpoint> {
  const { config, log, schema, manifest } = options;
  const production = config.NODE_ENV === "production";
  const { allowArbitraryOperations } = config.trustedDocuments;
  const trusted = loadTrustedDocuments(
    { file: options.manifestFile, allowArbitraryOperations, production, kind: manifest },
    schema,
    log,
  );
  const { armorPlugins, ...hardened } = hardenedOptions({
    introspection: config.introspection,
    log,
  });
  const apollo = new ApolloServer<Context>({
    schema,
    ...hardened,
    persistedQueries: options.automaticPersistedQueries ? {} : false,
    plugins: [
      ...armorPlugins,
      // Counted only where they are served (the cost of counting is what `pnpm bench --metrics-overhead` measures).
      ...(options.metrics ? [metricsPlugin(options.metrics, trusted)] : []),
      // On stop: no new connections, in-flight requests finish (at most SHUTDOWN_GRACE_MS), then the rest are cut.
      ...(options.drain
        ? [
            ApolloServerPluginDrainHttpServer({
              httpServer: options.drain,
              stopGracePeriodMillis: config.SHUTDOWN_GRACE_MS,
            }),
          ]
        : []),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
  });
  await apollo.start();
  const router = Router();
  router.use(
    manifest.endpoint,
    // Refused early (413) from Content-Length, before the body is read or parsed.
    express.json({ limit: config.MAX_BODY_BYTES }),
    trustedDocuments({ documents: trusted, allowArbitraryOperations }),
    expressMiddleware(apollo, {
      context: ({ req, res }): Promise<Context> => {
        const requestId = requestIdOf(req);
        return Promise.resolve(
          options.context({
            req,
            res,
            requestId,
            log: req.log,
            meta: {
              requestId,
              ipHash: hashIp(req.ip, config.ipHashSecret),
              userAgent: boundedUserAgent(req.get("user-agent")),
            },
          }),
        );
      },
    }),
  );
  return { router, trusted, stop: () => apollo.stop() };
}
