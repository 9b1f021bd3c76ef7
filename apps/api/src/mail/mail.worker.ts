import type { Config } from "../config/config";
import type { Logger } from "../logging/logger";
import { NO_EVENTS, type PortalEvents } from "../metrics/portal-events";
import { LEASE_MS, Lease } from "./mail.lease";
import type { MailTransport } from "./mail.transport";
import type { OutboxMessage, OutboxRepository } from "./outbox.repository";

const BATCH = 20;
/**
 * How long the end of a batch (marking what was delivered, giving back what was not tried) is tried
 * again when the database does not answer. The lease is renewed meanwhile, so a mark that gets through
 * in time leaves nothing to send again; see docs/operations.md for what is left.
 */
const SETTLE_FOR_MS = 60_000;
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
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** How long `stop` waits for the message being delivered before it lets go of the rest. */
const STOP_WAIT_MS = 5_000;

/** The domain of the From address (`"Portal" <no-reply@portal.example>`), for Message-IDs. */
function messageIdDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
}

/**
 * Turns other queued work into mail in the outbox (e.g. requests for a new link); returns how many
 * items it handled, at most `max`. Run before each pass, so its mail goes out in the same pass.
 */
export type MailProducer = (max: number) => Promise<number>;

/**
 * Drains the mail outbox in the API process. An SMTP outage delays mail (retried with backoff) but
 * never loses it or fails the request that caused it.
 */
export class MailWorker {
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private running: Promise<void> | undefined;
  /** A tick came while a pass was running: run another pass right after it. */
  private again = false;
  private stopped = true;
  /** Set by `stop`: a pass ends after the message being delivered and gives back the rest of its batch. */
  private stopping = false;
  /** The batches being sent (a pass has one at a time; a test may run a pass beside the worker's). */
  private readonly batches = new Set<Batch>();
  /** When `stop` stops waiting: a batch's end is not tried again after it. */
  private giveUpAt = Number.POSITIVE_INFINITY;
  private readonly domain: string;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly transport: Pick<MailTransport, "via" | "send" | "close">,
    private readonly config: Config["mail"],
    private readonly log: Logger,
    private readonly producers: MailProducer[] = [],
    private readonly events: Pick<PortalEvents, "mailDelivered" | "mailFailed"> = NO_EVENTS,
  ) {
    this.domain = messageIdDomain(config.from);
  }

  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.giveUpAt = Number.POSITIVE_INFINITY;
    this.schedule(0);
  }

  /** Called after a transaction that enqueued mail commits, so it goes out without waiting for the poll. */
  kick(): void {
    if (!this.stopped && this.dueAt > Date.now() + KICK_GATHER_MS) this.schedule(KICK_GATHER_MS);
  }

  /**
   * Stops polling, lets the message being delivered finish (up to a few seconds), marks what was
   * delivered and gives the claimed messages it has not tried back to the outbox at once, so
   * another instance (or the next start) sends them without waiting for their lease to run out.
   * A message whose delivery does not finish in time keeps its lease: it may have been delivered.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    this.giveUpAt = Date.now() + STOP_WAIT_MS;
    clearTimeout(this.timer);
    const pass = this.running;
    if (pass) {
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        pass.then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), STOP_WAIT_MS))),
      ]);
      clearTimeout(timer);
      if (!finished) {
        this.log.warn(
          { waitedMs: STOP_WAIT_MS },
          "mail delivery still running at shutdown; its message keeps its lease",
        );
        for (const batch of this.batches) {
          // Its lease is no longer renewed: the message still on its way is due again once it runs out.
          batch.lease.stop();
          await this.settle(batch);
        }
      }
    }
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
    // One pass at a time: a tick during a pass (a kick) makes that pass run once more when it ends.
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.stopped) return;
    do {
      this.again = false;
      this.running = this.drain().catch((error: unknown) => {
        this.log.error({ err: error }, "mail worker pass failed");
      });
      await this.running;
    } while (this.again && !this.stopped);
    this.running = undefined;
    // A kick during the pass may have set an earlier due time: keep it, or that mail would wait for the poll.
    if (!this.stopped)
      this.schedule(Math.min(this.config.pollIntervalMs, Math.max(0, this.dueAt - Date.now())));
  }

  /** One pass: runs the producers, then claims and sends every due message. Exposed for tests. */
  async drain(): Promise<void> {
    for (const produce of this.producers) {
      try {
        await produce(BATCH * 5);
      } catch (error) {
        this.log.error({ err: error }, "mail producer failed; its work waits for the next pass");
      }
    }
    while (!this.stopping) {
      const claimedAt = Date.now();
      const claimed = await this.outbox.claimDue(BATCH, LEASE_MS);
      if (claimed.length === 0) return;
      // A crash before the mark re-sends those messages once their lease runs out (mail is
      // at-least-once either way, each copy with the same Message-ID); it never loses one.
      const ids = claimed.map((m) => m.id);
      const batch: Batch = {
        waiting: new Set(ids),
        delivered: [],
        lease: new Lease(
          this.outbox,
          claimed,
          (error) => this.log.warn({ err: error }, "mail lease not renewed; retrying"),
          claimedAt,
        ),
      };
      this.batches.add(batch);
      let markedAt = Date.now();
      try {
        for (const message of claimed) {
          if (this.stopping) break;
          batch.waiting.delete(message.id);
          if (!batch.lease.holds(message.id)) {
            // Its lease may have run out (renewals unanswered) or another instance claimed it:
            // whoever holds it now sends it; this worker neither sends nor gives it back.
            void batch.lease.drop([message.id]);
            this.log.warn({ mailId: message.id }, "mail lease lost; left to its next claim");
            continue;
          }
          const outcome = await this.deliver(message);
          if (outcome === "delivered") batch.delivered.push(message.id);
          else if (outcome === "failure recorded") void batch.lease.drop([message.id]);
          // The failure could not be recorded: given back with the untried, due again at once.
          else batch.waiting.add(message.id);
          if (Date.now() - markedAt >= MARK_SENT_EVERY_MS) {
            markedAt = Date.now();
            await this.markDelivered(batch).catch((error: unknown) =>
              this.log.warn({ err: error }, "delivered mail not marked sent yet; retrying"),
            );
          }
        }
      } finally {
        await this.settle(batch);
        batch.lease.stop();
        this.batches.delete(batch);
      }
      if (claimed.length < BATCH) return;
    }
  }

  /** Sends one message; a failure is recorded on it with its next attempt, when the database answers. */
  private async deliver(
    message: OutboxMessage,
  ): Promise<"delivered" | "failure recorded" | "failure not recorded"> {
    try {
      await this.transport.send({
        from: this.config.from,
        to: message.to_address,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
        messageId: `<${message.id}@${this.domain}>`,
      });
      this.log.info({ mailId: message.id, via: this.transport.via }, "mail sent");
      this.events.mailDelivered(this.transport.via);
      return "delivered";
    } catch (error) {
      const final = message.attempts >= this.config.maxAttempts;
      const delay = retryDelayMs(message.attempts, this.config.retryBaseMs, this.config.retryMaxMs);
      try {
        await this.outbox.markFailed(
          message.id,
          String((error as Error).message ?? error),
          new Date(Date.now() + delay),
          final,
        );
      } catch (markError) {
        this.log.warn(
          { mailId: message.id, err: markError, sendError: error },
          "mail delivery failed and could not be recorded; given back",
        );
        return "failure not recorded";
      }
      this.events.mailFailed(final);
      this.log[final ? "error" : "warn"](
        {
          mailId: message.id,
          attempt: message.attempts,
          retryInMs: final ? null : delay,
          err: error,
        },
        final ? "mail given up after the last attempt" : "mail delivery failed; will retry",
      );
      return "failure recorded";
    }
  }

  /** Marks what was delivered; on an error they stay to be marked by the next try. */
  private async markDelivered(batch: Batch): Promise<void> {
    const ids = batch.delivered;
    batch.delivered = [];
    try {
      await this.outbox.markSent(ids, this.transport.via);
    } catch (error) {
      batch.delivered.push(...ids);
      throw error;
    }
    void batch.lease.drop(ids);
  }

  /** Gives back what was claimed and not tried (or whose failure could not be recorded). */
  private async giveBack(batch: Batch): Promise<void> {
    const ids = [...batch.waiting];
    batch.waiting.clear();
    // No renewal may land after the release, or it would lock them again.
    await batch.lease.drop(ids);
    const mine = batch.lease.fences(ids);
    try {
      await this.outbox.release(mine.ids, mine.attempts);
    } catch (error) {
      for (const id of ids) batch.waiting.add(id);
      throw error;
    }
  }

  /**
   * Marks what was delivered and gives back the rest, again and again while the database does not
   * answer (its connection cut, a failover), with the lease renewed meanwhile: a delivered message
   * left unmarked would be sent again once its lease ran out. Gives up after SETTLE_FOR_MS, or when
   * `stop` stops waiting; what is left is then due again when its lease runs out.
   */
  private async settle(batch: Batch): Promise<void> {
    const until = Date.now() + SETTLE_FOR_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        if (batch.delivered.length > 0) await this.markDelivered(batch);
        if (batch.waiting.size > 0) await this.giveBack(batch);
        return;
      } catch (error) {
        const left = { delivered: batch.delivered.length, untried: batch.waiting.size };
        if (Date.now() >= Math.min(until, this.giveUpAt)) {
          this.log.error(
            { err: error, ...left, leaseMs: LEASE_MS },
            "claimed mail not marked or given back; due again when its lease runs out",
          );
          return;
        }
        this.log.warn({ err: error, ...left, attempt }, "claimed mail not settled yet; retrying");
        await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, 100, 1000)));
      }
    }
  }
}

/** A claimed batch: what is still waiting to be tried, what was delivered and not marked yet, its lease. */
interface Batch {
  waiting: Set<string>;
  delivered: string[];
  lease: Lease;
}
