import type { PrismaClient } from "../generated/prisma/client";
import { refusalTotals } from "./throttle-refusals";

const HOUR_MS = 3_600_000;

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
  /** Requests refused by a limit, self-enrollments included (counted by the hour: see below). */
  throttled: number;
  /** Grants the servicing imports suspended and reinstated (the email no longer / again on file). */
  access: { suspended: number; reinstated: number };
}

/**
 * The enrollment funnel over [from, to): attempts → rejections by reason → started → completed.
 * Refusals by a limit are counted per hour (`throttle_refusal`; only the first of each hour and key
 * has a row of its own), so they are reported for every hour that overlaps the range.
 */
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
  const refusals = await refusalTotals(prisma, new Date(from.getTime() - HOUR_MS + 1), to);
  const rejectionsByReason: Record<string, number> = {};
  for (const a of attempts) {
    if (a.outcome !== "REJECTED" || a.reasonCode.startsWith("RATE_LIMITED")) continue;
    rejectionsByReason[a.reasonCode] = (rejectionsByReason[a.reasonCode] ?? 0) + a._count._all;
  }
  // Refused self-enrollments come from the counts: the attempt log has the first of each hour only.
  let throttledEnrollments = 0;
  for (const r of refusals.filter((r) => r.operation === SELF_ENROLL && r.count > 0)) {
    const reason = `RATE_LIMITED:${r.reason}`;
    rejectionsByReason[reason] = (rejectionsByReason[reason] ?? 0) + r.count;
    throttledEnrollments += r.count;
  }
  const loggedThrottled = attempts
    .filter((a) => a.outcome === "REJECTED" && a.reasonCode.startsWith("RATE_LIMITED"))
    .reduce((sum, a) => sum + a._count._all, 0);
  const unlogged = Math.max(0, throttledEnrollments - loggedThrottled);
  return {
    from,
    to,
    attempts: attempts.reduce((sum, a) => sum + a._count._all, 0) + unlogged,
    invalid: count("INVALID"),
    rejected: count("REJECTED") + unlogged,
    rejectionsByReason,
    started: {
      total: count("STARTED"),
      newAccounts: count("STARTED", "ELIGIBLE"),
      alreadyEnrolled: count("STARTED", "ALREADY_ENROLLED"),
    },
    completed: event("ENROLLMENT_COMPLETED", "SUCCESS"),
    signIns: { success: event("SIGN_IN", "SUCCESS"), failed: event("SIGN_IN", "FAILED") },
    throttled: refusals.reduce((sum, r) => sum + r.count, 0),
    access: {
      suspended: event("CUSTOMER_ACCESS", "SUSPENDED"),
      reinstated: event("CUSTOMER_ACCESS", "REINSTATED"),
    },
  };
}

/** The operation name self-enrollment's refusals are counted under (EnrollmentService). */
const SELF_ENROLL = "selfEnroll";

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
