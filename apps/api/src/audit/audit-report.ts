import type { PrismaClient } from "../generated/prisma/client";

export interface FunnelReport {
  from: Date;
  to: Date;
  attempts: number;
  invalid: number;
  rejected: number;
  rejectionsByReason: Record<string, number>;
  started: { total: number; newAccounts: number; alreadyEnrolled: number };
  completed: number;
  signIns: { success: number; failed: number };
  throttled: number;
  /** Grants the servicing imports suspended and reinstated (the email no longer / again on file). */
  access: { suspended: number; reinstated: number };
}

/** The enrollment funnel over [from, to): attempts → rejections by reason → started → completed. */
export async function funnelReport(
  prisma: PrismaClient,
  from: Date,
  to: Date,
): Promise<FunnelReport> {
  const attempts = await prisma.enrollmentAttempt.groupBy({
    by: ["outcome", "reasonCode"],
    where: { createdAt: { gte: from, lt: to } },
    _count: { _all: true },
  });
  const events = await prisma.auditEvent.groupBy({
    by: ["eventType", "outcome"],
    where: { createdAt: { gte: from, lt: to } },
    _count: { _all: true },
  });
  const count = (outcome: string, reason?: string) =>
    attempts
      .filter((a) => a.outcome === outcome && (reason === undefined || a.reasonCode === reason))
      .reduce((sum, a) => sum + a._count._all, 0);
  const event = (type: string, outcome?: string) =>
    events
      .filter((e) => e.eventType === type && (outcome === undefined || e.outcome === outcome))
      .reduce((sum, e) => sum + e._count._all, 0);
  const rejectionsByReason: Record<string, number> = {};
  for (const a of attempts) {
    if (a.outcome !== "REJECTED") continue;
    rejectionsByReason[a.reasonCode] = (rejectionsByReason[a.reasonCode] ?? 0) + a._count._all;
  }
  const throttledEnrollments = Object.entries(rejectionsByReason)
    .filter(([reason]) => reason.startsWith("RATE_LIMITED"))
    .reduce((sum, [, n]) => sum + n, 0);
  return {
    from,
    to,
    attempts: attempts.reduce((sum, a) => sum + a._count._all, 0),
    invalid: count("INVALID"),
    rejected: count("REJECTED"),
    rejectionsByReason,
    started: {
      total: count("STARTED"),
      newAccounts: count("STARTED", "ELIGIBLE"),
      alreadyEnrolled: count("STARTED", "ALREADY_ENROLLED"),
    },
    completed: event("ENROLLMENT_COMPLETED", "SUCCESS"),
    signIns: { success: event("SIGN_IN", "SUCCESS"), failed: event("SIGN_IN", "FAILED") },
    throttled:
      throttledEnrollments +
      events.filter((e) => e.outcome === "THROTTLED").reduce((sum, e) => sum + e._count._all, 0),
    access: {
      suspended: event("CUSTOMER_ACCESS", "SUSPENDED"),
      reinstated: event("CUSTOMER_ACCESS", "REINSTATED"),
    },
  };
}

export function formatFunnel(r: FunnelReport): string {
  const pct = (n: number) => (r.attempts === 0 ? "" : ` (${((100 * n) / r.attempts).toFixed(1)}%)`);
  const lines = [
    `Enrollment funnel ${r.from.toISOString()} → ${r.to.toISOString()}`,
    `  attempts                 ${r.attempts}`,
    `  invalid input            ${r.invalid}${pct(r.invalid)}`,
    `  rejected                 ${r.rejected}${pct(r.rejected)}`,
    ...Object.entries(r.rejectionsByReason)
      .sort(([, a], [, b]) => b - a)
      .map(([reason, n]) => `    ${reason.padEnd(38)} ${n}`),
    `  started                  ${r.started.total}${pct(r.started.total)}  (new accounts ${r.started.newAccounts}, already enrolled ${r.started.alreadyEnrolled})`,
    `  completed (verified)     ${r.completed}`,
    `  sign-ins                 ${r.signIns.success} succeeded, ${r.signIns.failed} failed`,
    `  throttled requests       ${r.throttled}`,
    `  access (servicing sync)  ${r.access.suspended} grants suspended, ${r.access.reinstated} reinstated`,
  ];
  return lines.join("\n");
}
