import { funnelReport, formatFunnel } from "../audit/audit-report";
import { formatStaffActivity, staffActivity } from "../audit/staff-activity";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { parseCliArgs } from "./args";

const USAGE =
  "usage: pnpm audit:report [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--staff] [--json]   (default: the last 7 days; --to is exclusive)\n  --staff: every support-console sign-in, lookup and action, with the member of staff, instead of the funnel";

function parseDate(value: string | undefined, name: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime())) throw new ConfigError([`--${name}: not a date: ${value}`]);
  return date;
}

/** `pnpm audit:report` — the enrollment funnel for a date range, from the audit trail. */
async function main() {
  const { values } = parseCliArgs(USAGE, {
    options: {
      from: { type: "string" },
      to: { type: "string" },
      json: { type: "boolean", default: false },
      staff: { type: "boolean", default: false },
    },
  });
  const to = parseDate(values.to, "to") ?? new Date();
  const from = parseDate(values.from, "from") ?? new Date(to.getTime() - 7 * 86_400_000);
  if (from >= to) throw new ConfigError([`--from must be before --to`]);
  const db = await openDatabase(loadConfig().database);
  try {
    if (values.staff) {
      const rows = await staffActivity(db.prisma, from, to);
      console.log(values.json ? JSON.stringify(rows, null, 2) : formatStaffActivity(rows));
    } else {
      const report = await funnelReport(db.prisma, from, to);
      console.log(values.json ? JSON.stringify(report, null, 2) : formatFunnel(report));
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `${error.message}\n${USAGE}` : error);
  process.exit(1);
});
