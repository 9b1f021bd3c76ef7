import { createHmac } from "node:crypto";
import type { LimiterStore } from "./limiter-store";
import { LimiterUnavailableError, Throttle } from "./throttle";
import type { ThrottleName, ThrottleRule } from "./throttle.rules";

export interface ThrottleKey {
  throttle: ThrottleName;
  value: string;
}

interface Held {
  throttle: Throttle;
  key: string;
  count: number;
}

/**
 * Attempts taken on several keys for one piece of work. Settle it once: `fail()` keeps them (the
 * work failed, or every request counts), `release()` gives them back (the work succeeded where only
 * failures count, or it never ran). Both throw LimiterUnavailableError when the store does not answer.
 */
export class Reservation {
  private settled = false;

  constructor(private readonly held: readonly Held[]) {}

  async fail(): Promise<void> {
    if (this.take())
      await Promise.all(this.held.map((h) => h.throttle.settleFailure(h.key, h.count)));
  }

  async release(): Promise<void> {
    if (this.take()) await Promise.all(this.held.map((h) => h.throttle.release(h.key)));
  }

  private take(): boolean {
    const first = !this.settled;
    this.settled = true;
    return first;
  }
}

export type ReserveResult =
  | { granted: true; reservation: Reservation }
  /** `refusedBy`: the limit with the longest wait (the key kind the metrics count). */
  | { granted: false; retryAfterSeconds: number; refusedBy: string };

/**
 * Every throttle of the API, with keys hashed so no email address or IP is written to the store.
 */
export class Throttles {
  private readonly byName = new Map<ThrottleName, Throttle>();

  constructor(
    rules: Record<ThrottleName, ThrottleRule>,
    maxBlockSeconds: number,
    private readonly store: LimiterStore,
    private readonly secret: string,
  ) {
    for (const [name, rule] of Object.entries(rules) as [ThrottleName, ThrottleRule][]) {
      this.byName.set(name, new Throttle(name, rule, maxBlockSeconds, store));
    }
  }

  private key(value: string): string {
    return createHmac("sha256", this.secret).update(value).digest("base64url").slice(0, 32);
  }

  /**
   * Takes one attempt on every key at once, before the work. Granted only when every key had one;
   * otherwise the attempts that were taken are given back (the work does not run, so it must not
   * count against the keys that were not blocked) and the answer is the longest wait. Throws
   * LimiterUnavailableError when the store does not answer, after giving back what it could.
   */
  async reserve(keys: ThrottleKey[]): Promise<ReserveResult> {
    const tries = await Promise.allSettled(
      keys.map(async (k) => {
        const throttle = this.byName.get(k.throttle)!;
        const key = this.key(k.value);
        return { throttle, key, reserved: await throttle.reserve(key) };
      }),
    );
    const held: Held[] = [];
    let retryAfterMs = 0;
    let refusedBy: string | undefined;
    let failure: unknown;
    for (const t of tries) {
      if (t.status === "rejected") failure ??= t.reason;
      else if (t.value.reserved.granted)
        held.push({ throttle: t.value.throttle, key: t.value.key, count: t.value.reserved.count });
      else if (t.value.reserved.retryAfterMs > retryAfterMs) {
        retryAfterMs = t.value.reserved.retryAfterMs;
        refusedBy = t.value.throttle.name;
      }
    }
    const reservation = new Reservation(held);
    if (failure === undefined && retryAfterMs === 0) return { granted: true, reservation };
    // Given back in the background: when the store is not answering, waiting would only add its timeout.
    reservation.release().catch(() => {});
    if (failure !== undefined)
      throw failure instanceof LimiterUnavailableError
        ? failure
        : new LimiterUnavailableError(failure);
    return {
      granted: false,
      retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
      refusedBy: refusedBy!,
    };
  }

  /** Forgets every attempt and block of these keys (a support action). */
  async clear(keys: ThrottleKey[]): Promise<void> {
    await Promise.all(keys.map((k) => this.byName.get(k.throttle)!.clear(this.key(k.value))));
  }

  /** Whether the store answers now, within its command timeout. */
  ping(): Promise<boolean> {
    return this.store.ping();
  }

  ready(timeoutMs: number): Promise<boolean> {
    return this.store.ready(timeoutMs);
  }

  get storeKind(): "memory" | "redis" {
    return this.store.kind;
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
