import type { PrismaClient } from "../generated/prisma/client";

/** One thing a member of staff did or looked at, from the audit trail. */
export interface StaffActivity {
  at: Date;
  staffEmail: string | null;
  staffUserId: string;
  event: string;
  outcome: string;
  what: string | null;
  userId: string | null;
  customerId: string | null;
  email: string | null;
  target: string | null;
}

/** Every staff event in [from, to), oldest first (`pnpm audit:report --staff`). */
export async function staffActivity(
  prisma: PrismaClient,
  from: Date,
  to: Date,
): Promise<StaffActivity[]> {
  const events = await prisma.auditEvent.findMany({
    where: { staffUserId: { not: null }, createdAt: { gte: from, lt: to } },
    orderBy: { createdAt: "asc" },
  });
  const staff = await prisma.staffUser.findMany({
    where: { id: { in: [...new Set(events.map((e) => e.staffUserId!))] } },
    select: { id: true, email: true },
  });
  const emails = new Map(staff.map((s) => [s.id, s.email]));
  return events.map((e) => ({
    at: e.createdAt,
    staffEmail: emails.get(e.staffUserId!) ?? null,
    staffUserId: e.staffUserId!,
    event: e.eventType,
    outcome: e.outcome,
    what: e.reason,
    userId: e.userId,
    customerId: e.customerId,
    email: e.email,
    target: e.target,
  }));
}

export function formatStaffActivity(rows: StaffActivity[]): string {
  if (rows.length === 0) return "No staff activity in this period.";
  return rows
    .map((r) =>
      [
        r.at.toISOString(),
        r.staffEmail ?? r.staffUserId,
        `${r.event}${r.what ? ` ${r.what}` : ""}`,
        r.outcome,
        // Free text (what staff typed) is quoted, control characters and all: a value cannot start a
        // line of its own or move the terminal's cursor.
        ...[
          r.userId && `user ${r.userId}`,
          r.customerId && `customer ${JSON.stringify(r.customerId)}`,
          r.email && `email ${JSON.stringify(r.email)}`,
          r.target && `target ${JSON.stringify(r.target)}`,
        ].filter(Boolean),
      ].join("  "),
    )
    .join("\n");
}
