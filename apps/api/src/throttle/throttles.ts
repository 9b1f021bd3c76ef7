import { createHmac } from "node:crypto";
import type { LimiterStore } from "./limiter-store";
import { Throttle } from "./throttle";
import type { ThrottleName, ThrottleRule } from "./throttle.rules";

export interface ThrottleKey {
  throttle: ThrottleName;
  value: string;
}

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

  /** Longest wait, in whole seconds, among the keys; 0 when none is blocked. Throws LimiterUnavailableError. */
  async retryAfterSeconds(keys: ThrottleKey[]): Promise<number> {
    const waits = await Promise.all(keys.map((k) => this.byName.get(k.throttle)!.blockedForMs(this.key(k.value))));
    return Math.ceil(Math.max(0, ...waits) / 1000);
  }

  async recordFailure(keys: ThrottleKey[]): Promise<void> {
    await Promise.all(keys.map((k) => this.byName.get(k.throttle)!.recordFailure(this.key(k.value))));
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
