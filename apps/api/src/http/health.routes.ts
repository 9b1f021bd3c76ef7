import { Router } from "express";
import type { Database } from "../db/database";
import type { MailTransport } from "../mail/mail.transport";
import type { Throttles } from "../throttle/throttles";

type Check = "ok" | "failing";

/**
 * `/healthz`: the process is up. `/readyz`: the instance can serve: the database answers, every
 * migration is applied and the rate-limit store answers (without it every throttled operation is
 * refused, so a load balancer should send the traffic elsewhere). Each check is reported by name.
 * The mail transport is reported too but does not make the instance unready: mail waits in the
 * outbox and is retried, so the portal keeps serving while the mail server is down.
 */
export function healthRoutes(
  db: Database,
  throttles: Pick<Throttles, "ping">,
  mail: Pick<MailTransport, "check" | "via">,
): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (req, res) => {
    const [database, limiter, mailer] = await Promise.all([
      db.prisma.$queryRaw`SELECT 1`.then(
        () => db.pending(),
        (error: unknown) => {
          req.log.warn({ err: error }, "readiness check: database unreachable");
          return null;
        },
      ),
      throttles.ping(),
      mail.check(),
    ]);
    const checks: Record<"database" | "migrations" | "rateLimitStore" | "mailTransport", Check> = {
      database: database === null ? "failing" : "ok",
      migrations: database === null || database.length > 0 ? "failing" : "ok",
      rateLimitStore: limiter ? "ok" : "failing",
      mailTransport: mailer ? "ok" : "failing",
    };
    const mailVia = mail.via;
    if (database === null) {
      res
        .status(503)
        .json({ status: "not ready", reason: "database unreachable", checks, mailVia });
    } else if (database.length > 0) {
      res.status(503).json({
        status: "not ready",
        reason: "migrations pending",
        pending: database,
        checks,
        mailVia,
      });
    } else if (!limiter) {
      res
        .status(503)
        .json({ status: "not ready", reason: "rate-limit store not answering", checks, mailVia });
    } else {
      res.json({ status: "ready", checks, mailVia });
    }
  });
  return router;
}
