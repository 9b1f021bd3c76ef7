import type { OutboxRepository } from "./outbox.repository";

/**
 * How long a claim holds a message. Short, so the mail of a worker that lost its database connection
 * or its process (the claim's answer lost, a "give back" that could not be sent, SIGKILL) is due again
 * within seconds; renewed every LEASE_RENEW_MS while the worker still sends or marks it.
 */
export const LEASE_MS = 5_000;
const LEASE_RENEW_MS = 1_500;
/** Room for clocks and a renewal in flight: a message is sent only this long before its lease ends. */
const LEASE_MARGIN_MS = 1_000;

/**
 * Keeps the lease of the messages a batch still holds (being sent, delivered and not yet marked,
 * not tried yet), renewing it every LEASE_RENEW_MS, one renewal at a time. The worker sends a
 * message only while it `holds` it: the last renewal the database answered (or the claim) is recent
 * enough that no other instance can have claimed it, and that renewal still found the claim this
 * worker's. After a long outage the messages are left to whoever claims them next instead of being
 * sent by two instances at once.
 */
export class Lease {
  /** Message id → its attempts as claimed (the claim's fence, see OutboxRepository.renew). */
  private readonly claims: ReadonlyMap<string, number>;
  /** What is still renewed. */
  private readonly held: Set<string>;
  /** Claimed by another instance since (found by a renewal): never sent or given back by this one. */
  private readonly lost = new Set<string>();
  /** Until when the lease is known to hold, less the margin. */
  private validUntil: number;
  /** The renewal on its way, if any (a renewal still waiting for the database is not doubled). */
  private renewing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly outbox: Pick<OutboxRepository, "renew">,
    claimed: { id: string; attempts: number }[],
    onError: (error: unknown) => void,
    claimedAt = Date.now(),
  ) {
    this.claims = new Map(claimed.map((m) => [m.id, m.attempts]));
    this.held = new Set(this.claims.keys());
    this.validUntil = claimedAt + LEASE_MS - LEASE_MARGIN_MS;
    this.timer = setInterval(() => {
      if (this.renewing || this.held.size === 0) return;
      const sentAt = Date.now();
      const ids = [...this.held];
      this.renewing = this.outbox
        .renew(
          ids,
          LEASE_MS,
          ids.map((id) => this.claims.get(id) ?? 0),
        )
        .then((kept) => {
          const still = new Set(kept);
          for (const id of ids) if (!still.has(id) && this.held.delete(id)) this.lost.add(id);
          this.validUntil = sentAt + LEASE_MS - LEASE_MARGIN_MS;
        })
        .catch(onError)
        .finally(() => (this.renewing = undefined));
    }, LEASE_RENEW_MS);
    this.timer.unref();
  }

  /** Whether the message may still be sent by this worker now. */
  holds(id: string, now = Date.now()): boolean {
    return this.held.has(id) && now < this.validUntil;
  }

  /** The claim's fence of each id, for giving them back (ids another instance claimed are left out). */
  fences(ids: string[]): { ids: string[]; attempts: number[] } {
    const mine = ids.filter((id) => this.claims.has(id) && !this.lost.has(id));
    return { ids: mine, attempts: mine.map((id) => this.claims.get(id) ?? 0) };
  }

  /** No longer renewed: marked sent, failed, or about to be given back; resolves once no renewal runs. */
  async drop(ids: string[]): Promise<void> {
    for (const id of ids) this.held.delete(id);
    await this.renewing;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
