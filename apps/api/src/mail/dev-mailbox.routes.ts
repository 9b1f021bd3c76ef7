import escapeHtml from "escape-html";
import { Router } from "express";
import type { OutboxRepository } from "./outbox.repository";

/**
 * Development only (no SMTP_URL, not production): the messages the portal "sent", newest first.
 * `/dev/mailbox/messages` is JSON for tools and tests; `/dev/mailbox` a readable page.
 */
export function devMailboxRoutes(outbox: OutboxRepository): Router {
  const router = Router();
  router.get("/dev/mailbox/messages", async (_req, res) => {
    res.json({ messages: await outbox.recentDevMailbox(100) });
  });
  router.get("/dev/mailbox", async (req, res, next) => {
    if (!req.accepts("html")) {
      next();
      return;
    }
    const messages = await outbox.recentDevMailbox(100);
    const items = messages
      .map(
        (m) => `<article style="border:1px solid #ccc;border-radius:6px;padding:12px 16px;margin:0 0 16px">
<h2 style="font-size:1.1rem;margin:0 0 4px">${escapeHtml(m.subject)}</h2>
<p style="margin:0 0 8px;color:#444">To ${escapeHtml(m.toAddress)} · ${m.createdAt.toISOString()}</p>
<pre style="white-space:pre-wrap;font:inherit;margin:0">${linkify(escapeHtml(m.textBody))}</pre></article>`,
      )
      .join("\n");
    res.type("html").send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Development mailbox</title></head>
<body style="font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem"><main>
<h1>Development mailbox</h1><p>Mail the portal sent while no SMTP server is configured (newest first).</p>
${items || "<p>No messages yet.</p>"}</main></body></html>`);
  });
  return router;
}

function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
