import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import express, { Router } from "express";
import type { GraphQLSchema } from "graphql";
import type { Config } from "../config/config";
import { hardenedOptions } from "../graphql/hardening";
import type { SupportContext } from "../graphql/support-context";
import type { Logger } from "../logging/logger";
import type { StaffAuthService } from "../support/staff-auth.service";
import type { StaffMember } from "../support/staff.repository";
import { deviceCookies } from "./device-cookie";
import { boundedUserAgent, hashIp } from "./request-meta";
import { staffCookie } from "./staff-cookie";
import { type TrustedDocumentsPolicy, trustedDocuments } from "./trusted-documents.middleware";

/**
 * `POST /support/graphql`: the support console's own Apollo server, schema and session (the staff
 * cookie), with the same hardening as the public endpoint. Nothing here is reachable from /graphql.
 * Trusted documents as on /graphql: in production only the staff pages' operations run, by hash
 * (their own manifest, `trusted`).
 */
export async function supportEndpoint(settings: {
  config: Config;
  schema: GraphQLSchema;
  auth: StaffAuthService;
  trusted: TrustedDocumentsPolicy;
  /** Apollo plugins of the operator's (the metrics, when /metrics is served). */
  plugins?: ApolloServerPlugin[];
  log: Logger;
  requestIdOf: (req: express.Request) => string;
}): Promise<{ router: Router; stop: () => Promise<void> }> {
  const { config, schema, auth, log } = settings;
  const production = config.NODE_ENV === "production";
  const { armorPlugins, ...hardened } = hardenedOptions({
    introspection: config.introspection,
    log,
  });
  const apollo = new ApolloServer<SupportContext>({
    schema,
    ...hardened,
    persistedQueries: false,
    plugins: [
      ...armorPlugins,
      ...(settings.plugins ?? []),
      production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
    ],
  });
  await apollo.start();
  const router = Router();
  const deviceCookie = deviceCookies("staff", config.ipHashSecret, config.staff.secureCookie);
  router.use(
    "/support/graphql",
    express.json({ limit: config.MAX_BODY_BYTES }),
    trustedDocuments(settings.trusted),
    expressMiddleware(apollo, {
      context: ({ req, res }): Promise<SupportContext> => {
        const cookie = staffCookie(req, res, config.staff.secureCookie);
        const id = settings.requestIdOf(req);
        let staff: Promise<StaffMember | null> | undefined;
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
            cookie,
            device: deviceCookie(req, res),
          },
          currentStaff: () => (staff ??= auth.resolve(cookie.read())),
        });
      },
    }),
  );
  return { router, stop: () => apollo.stop() };
}
