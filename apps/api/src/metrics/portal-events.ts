/**
 * What the services tell the operator's figures (docs/operations.md). A port: services call it
 * without knowing Prometheus; the composition root hands them PortalMetrics. Every argument is a
 * value from a fixed list (reason codes, throttle names, transports), never what a visitor typed.
 */
export interface PortalEvents {
  /** A selfEnroll reached the enrollment service. */
  enrollmentAttempted(): void;
  /** Its answer: `started`, or `rejected` with the internal reason (a rule, INPUT_INVALID, RATE_LIMITED…). */
  enrollmentDecided(
    decision: { outcome: "started" } | { outcome: "rejected"; reason: string },
  ): void;
  /** A verification link set the first password. */
  enrollmentCompleted(): void;
  /** A rate limit refused an operation: `throttle` is the limit's name, or `store` when the store did not answer. */
  throttled(refusal: { operation: string; throttle: string; reason: string }): void;
  mailDelivered(via: string): void;
  mailFailed(final: boolean): void;
  /** A request for an account email (`kind`) that still failed after its last try, dropped unmailed. */
  mailRequestDropped(kind: string): void;
}

/** For code run without an operator watching (CLIs, tests that build a service alone). */
export const NO_EVENTS: PortalEvents = {
  enrollmentAttempted: () => {},
  enrollmentDecided: () => {},
  enrollmentCompleted: () => {},
  throttled: () => {},
  mailDelivered: () => {},
  mailFailed: () => {},
  mailRequestDropped: () => {},
};
