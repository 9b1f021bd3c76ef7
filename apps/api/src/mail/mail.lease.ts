import type { OutboxRepository } from "./outbox.repository";

/**
 * How long a claim holds a message. Short, so the mail of a worker that lost its database connection
 * or its process (the claim's answer lost, a "give back" that could not be sent, SIGKILL) is due again
 * within seconds; renewed every LEASE_RENEW_MS while the worker still sends or marks it.
 */
export const LEASE_MS = 5_000;
const LEASE_RENEW_MS = 1_500;

/**
 * Keeps the lease of the messages a batch still holds (being sent, delivered and not yet marked,
 * not tried yet), renewing it every LEASE_RENEW_MS, one renewal at a time.
 */
export class Lease {
  private readonly held: Set<string>;
  /** The renewal on its way, if any (a renewal still waiting for the database is not doubled). */
  private renewing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly outbox: Pick<OutboxRepository, "renew">,
    ids: string[],
    onError: (error: unknown) => void,
  ) {
    this.held = new Set(ids);
    this.timer = setInterval(() => {
      if (this.renewing || this.held.size === 0) return;
      this.renewing = this.outbox
        .renew([...this.held], LEASE_MS)
        .catch(onError)
        .finally(() => (this.renewing = undefined));
    }, LEASE_RENEW_MS);
    this.timer.unref();
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
