import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * Security headers (helmet) with a strict Content-Security-Policy that the built web app passes:
 * scripts, styles, fonts and API calls from this origin only, no framing. Outside production the
 * Apollo Sandbox page at GET /graphql loads from Apollo's CDN, so it gets its own policy.
 */
export function securityHeaders(production: boolean): RequestHandler {
  const strict = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: production,
    referrerPolicy: { policy: "no-referrer" },
  });
  if (production) return strict;
  const sandbox = helmet({ contentSecurityPolicy: false, strictTransportSecurity: false });
  return (req, res, next) =>
    req.method === "GET" && req.path === "/graphql" && req.accepts("html")
      ? sandbox(req, res, next)
      : strict(req, res, next);
}
