import { Router } from "express";
import type { Database } from "../db/database";

/** `/healthz`: the process is up. `/readyz`: the database answers and every migration is applied. */
export function healthRoutes(db: Database): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    try {
      await db.prisma.$queryRawUnsafe("SELECT 1");
      const pending = await db.pending();
      if (pending.length > 0) {
        res.status(503).json({ status: "not ready", reason: "migrations pending", pending });
        return;
      }
      res.json({ status: "ready" });
    } catch (error) {
      req.log.warn({ err: error }, "readiness check failed");
      res.status(503).json({ status: "not ready", reason: "database unreachable" });
    }
  });
  return router;
}
