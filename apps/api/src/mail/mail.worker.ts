import type { Config } from "../config/config";
import type { Logger } from "../logging/logger";
import type { MailTransport } from "./mail.transport";
import type { OutboxRepository } from "./outbox.repository";

const BATCH = 20;
const LEASE_MS = 120_000;
/**
 * How long a kick waits for more mail before draining. Under load many transactions enqueue mail
 * each millisecond; gathering them makes one claim and one "sent" update per batch, not per message.
 */
const KICK_GATHER_MS = 20;
/**
 * Delivered messages are marked sent together, at the end of a batch or once this much time has
 * passed since the last mark, so a slow relay never keeps a delivered message under a lease that
 * could run out (another instance would then send it again).
 */
const MARK_SENT_EVERY_MS = 10_000;

/** Exponential backoff with full jitter, capped: base · 2^(attempt-1), at most max. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Drains the mail outbox in the API process. An SMTP outage delays mail (retried with backoff) but
 * never loses it or fails the request that caused it.
 */
export class MailWorker {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transport: MailTransport,
    private readonly config: Config["mail"],
    private readonly log: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Called after a transaction that enqueued mail commits, so it goes out without waiting for the poll. */
  kick(): void {
    if (!this.stopped && this.dueAt > Date.now() + KICK_GATHER_MS) this.schedule(KICK_GATHER_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    this.transport.close();
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.dueAt = Date.now() + delayMs;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.dueAt = Number.POSITIVE_INFINITY;
    if (this.running) {
      await this.running;
    }
    if (this.stopped) return;
    this.running = this.drain().catch((error: unknown) => {
      this.log.error({ err: error }, "mail worker pass failed");
    });
    await this.running;
    this.running = undefined;
    // A kick during the pass has set an earlier due time: keep it, or that mail would wait for the poll.
    if (!this.stopped) this.schedule(Math.min(this.config.pollIntervalMs, Math.max(0, this.dueAt - Date.now())));
  }

  /** One pass: claims and sends every due message. Exposed for tests. */
  async drain(): Promise<void> {
    for (;;) {
      const batch = await this.outbox.claimDue(BATCH, LEASE_MS);
      if (batch.length === 0) return;
      // A crash before the mark re-sends those messages once their lease runs out (mail is
      // at-least-once either way); it never loses one.
      let sent: string[] = [];
      let markedAt = Date.now();
      const markSent = async () => {
        const ids = sent;
        sent = [];
        markedAt = Date.now();
        await this.outbox.markSent(ids, this.transport.via);
      };
      try {
        for (const message of batch) {
          try {
            await this.transport.send({
              from: this.config.from,
              to: message.to_address,
              subject: message.subject,
              text: message.text_body,
              html: message.html_body,
            });
            sent.push(message.id);
            this.log.info({ mailId: message.id, via: this.transport.via }, "mail sent");
          } catch (error) {
            const final = message.attempts >= this.config.maxAttempts;
            const delay = retryDelayMs(message.attempts, this.config.retryBaseMs, this.config.retryMaxMs);
            await this.outbox.markFailed(message.id, String((error as Error).message ?? error), new Date(Date.now() + delay), final);
            this.log[final ? "error" : "warn"](
              { mailId: message.id, attempt: message.attempts, retryInMs: final ? null : delay, err: error },
              final ? "mail given up after the last attempt" : "mail delivery failed; will retry",
            );
          }
          if (Date.now() - markedAt >= MARK_SENT_EVERY_MS) await markSent();
        }
      } finally {
        await markSent();
      }
      if (batch.length < BATCH) return;
    }
  }
}
