import { existsSync } from "node:fs";
import path from "node:path";
import express, { Router } from "express";

/**
 * Serves the built web app (apps/web/dist) with a fallback to index.html for client-side routes.
 * API paths never fall through to the app.
 */
export function webAppRoutes(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, "index.html");
  if (!existsSync(index)) {
    router.get("/", (_req, res) => {
      res
        .type("text")
        .send("The web app is not built. Run `pnpm build` (pnpm start does it for you).");
    });
    return router;
  }
  router.use(express.static(distDir, { index: false, maxAge: "1h" }));
  router.get(/^\/(?!graphql|healthz|readyz).*/, (req, res, next) => {
    if (!req.accepts("html")) {
      next();
      return;
    }
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
  return router;
}
