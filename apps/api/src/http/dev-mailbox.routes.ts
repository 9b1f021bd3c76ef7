import { Router } from "express";
import type { OutboxRepository } from "../mail/outbox.repository";

/**
 * Development only (no SMTP_URL, not production): the messages the portal "sent", newest first, as
 * JSON. The web app renders them at `/dev/mailbox` (a client-side route served by the SPA fallback).
 */
export function devMailboxRoutes(outbox: OutboxRepository): Router {
  const router = Router();
  router.get("/dev/mailbox/messages", async (_req, res) => {
    res.json({ messages: await outbox.recentDevMailbox(100) });
  });
  return router;
}
