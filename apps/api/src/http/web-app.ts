import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";

/** `/support` and its pages, but not the support console's endpoint (`/support/graphql`). */
const SUPPORT_PAGE = /^\/support(?:\/(?!graphql(?:\/|$)).*)?$/;
/** Any other path but the API's own (`/graphql…`, `/api/…`, health, the support console's endpoint). */
const CUSTOMER_PAGE = /^\/(?!graphql|healthz|readyz|api(?:\/|$)|support\/graphql(?:\/|$)).*/;
/** A last segment with an extension names a file (`/x.php`, a missing asset), never a page. */
const FILE_NAME = /\.[^/]*$/;

/**
 * Serves the built web app (apps/web/dist) with a fallback to an HTML entry for client-side routes:
 * `support.html` (the staff pages, their own bundle) for `/support` and `/support/…` while the
 * support console is on, `index.html` (the customer pages) for everything else. API paths and file
 * names never fall through to the app: they get the API's JSON 404 (not-found.ts).
 */
export function webAppRoutes(distDir: string, options: { supportConsole: boolean }): Router {
  const router = Router();
  const index = path.join(distDir, "index.html");
  const supportIndex = path.join(distDir, "support.html");
  if (!existsSync(index)) {
    router.get("/", (_req, res) => {
      res
        .type("text")
        .send("The web app is not built. Run `pnpm build` (pnpm start does it for you).");
    });
    return router;
  }
  router.use(express.static(distDir, { index: false, maxAge: "1h" }));
  const page =
    (file: string): express.RequestHandler =>
    (req, res, next) => {
      if (!req.accepts("html") || FILE_NAME.test(req.path)) {
        next();
        return;
      }
      res.setHeader("Cache-Control", "no-cache");
      res.sendFile(file);
    };
  // Without the console (no STAFF_SECRET_KEY in production) its pages are the customer app's "Page not found".
  if (options.supportConsole && existsSync(supportIndex))
    router.get(SUPPORT_PAGE, page(supportIndex));
  router.get(CUSTOMER_PAGE, page(index));
  return router;
}
