import { createHmac } from "node:crypto";
import type { Logger } from "../logging/logger";
import type { LimiterStore } from "./limiter-store";
import type { ThrottleRefusal } from "./refusal";
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
  id: string;
}

/** How long a client is told to wait when the store does not answer. */
const UNAVAILABLE_RETRY_SECONDS = 30;

type SettleLog = Pick<Logger, "error">;
const UNLOGGED: SettleLog = { error: () => {} };

/**
 * What a caller holds while its throttled work runs: the attempts taken on its keys. Settle it once:
 * `fail()` keeps them (the work failed, or every request counts), `release()` gives them back (the
 * work succeeded where only failures count). Never throws: a store that does not answer is logged;
 * a give-back is then retried until it does; a failure stays counted, but the block it should
 * have tripped is missed.
 */
export class Reservation {
  private settled = false;

  constructor(
    private readonly held: readonly Held[],
    private readonly log: SettleLog = UNLOGGED,
  ) {}

  async fail(): Promise<void> {
    if (this.settle())
      await Promise.all(this.held.map((h) => h.throttle.settleFailure(h.key, h.count))).catch(
        (error: unknown) => this.unsettled(error),
      );
  }

  async release(): Promise<void> {
    if (!this.settle()) return;
    const done = await Promise.all(this.held.map((h) => h.throttle.release(h.key, h.id)));
    if (done.includes(false))
      this.log.error(
        { settle: "release" },
        "rate limiter unavailable: attempt given back once the store answers",
      );
  }

  private settle(): boolean {
    const first = !this.settled;
    this.settled = true;
    return first;
  }

  private unsettled(error: unknown): void {
    if (!(error instanceof LimiterUnavailableError)) throw error;
    this.log.error(
      { err: error.cause, settle: "fail" },
      "rate limiter unavailable: attempt not settled",
    );
  }
}

export type ReserveResult =
  | { granted: true; reservation: Reservation }
  /**
   * `refusedBy`: the limit with the longest wait (the key kind the metrics count), or `store` when
   * the store did not answer (`cause`: its error). `refusedKey`: that limit's key, hashed (empty for
   * the store), so a refusal can be counted per key without the address or IP behind it.
   */
  | {
      granted: false;
      refusal: ThrottleRefusal;
      refusedBy: string;
      refusedKey: string;
      cause?: unknown;
    };

/**
 * Every throttle of the API, with keys hashed so no email address or IP is written to the store.
 * The one place a store failure is caught: a reservation the store does not answer is refused with
 * LIMITER_UNAVAILABLE (fail closed), a settlement it does not answer is logged.
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
   * count against the keys that were not blocked) and the answer is the longest wait. `log` is where
   * the reservation reports a settlement the store did not answer.
   */
  async reserve(keys: ThrottleKey[], log?: SettleLog): Promise<ReserveResult> {
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
    let refusedKey = "";
    let failure: unknown;
    for (const t of tries) {
      if (t.status === "rejected") failure ??= t.reason;
      else if (t.value.reserved.granted)
        held.push({
          throttle: t.value.throttle,
          key: t.value.key,
          count: t.value.reserved.count,
          id: t.value.reserved.id,
        });
      else if (t.value.reserved.retryAfterMs > retryAfterMs) {
        retryAfterMs = t.value.reserved.retryAfterMs;
        refusedBy = t.value.throttle.name;
        refusedKey = t.value.key;
      }
    }
    if (failure === undefined && retryAfterMs === 0)
      return { granted: true, reservation: new Reservation(held, log) };
    // Given back in the background: when the store is not answering, waiting would only add its timeout.
    for (const h of held) void h.throttle.release(h.key, h.id);
    if (failure !== undefined)
      return {
        granted: false,
        refusal: { reason: "LIMITER_UNAVAILABLE", retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS },
        refusedBy: "store",
        refusedKey: "",
        cause: failure instanceof LimiterUnavailableError ? failure.cause : failure,
      };
    return {
      granted: false,
      refusal: { reason: "TOO_MANY_ATTEMPTS", retryAfterSeconds: Math.ceil(retryAfterMs / 1000) },
      refusedBy: refusedBy!,
      refusedKey,
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
