import { Router } from "express";
import type { Database } from "../db/database";
import type { Throttles } from "../throttle/throttles";

type Check = "ok" | "failing";

/**
 * `/healthz`: the process is up. `/readyz`: the instance can serve: the database answers, every
 * migration is applied and the rate-limit store answers (without it every throttled operation is
 * refused, so a load balancer should send the traffic elsewhere). Each check is reported by name.
 */
export function healthRoutes(db: Database, throttles: Pick<Throttles, "ping">): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    const [database, limiter] = await Promise.all([
      db.prisma.$queryRaw`SELECT 1`.then(
        () => db.pending(),
        (error: unknown) => {
          req.log.warn({ err: error }, "readiness check: database unreachable");
          return null;
        },
      ),
      throttles.ping(),
    ]);
    const checks: Record<"database" | "migrations" | "rateLimitStore", Check> = {
      database: database === null ? "failing" : "ok",
      migrations: database === null || database.length > 0 ? "failing" : "ok",
      rateLimitStore: limiter ? "ok" : "failing",
    };
    if (database === null) {
      res.status(503).json({ status: "not ready", reason: "database unreachable", checks });
    } else if (database.length > 0) {
      res
        .status(503)
        .json({ status: "not ready", reason: "migrations pending", pending: database, checks });
    } else if (!limiter) {
      res
        .status(503)
        .json({ status: "not ready", reason: "rate-limit store not answering", checks });
    } else {
      res.json({ status: "ready", checks });
    }
  });
  return router;
}
