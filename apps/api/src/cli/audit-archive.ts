import { randomUUID } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  ArchiveExistsError,
  AuditArchive,
  addAuditPartitions,
  archiveFileName,
  refusalsFileName,
  lastArchivableMonth,
  monthOf,
  parseMonth,
} from "../audit/audit-archive";
import { ConfigError, loadConfig } from "../config/config";
import { openDatabase } from "../db/database";
import { exitWithUsage, parseCliArgs } from "./args";

const USAGE = `usage: pnpm audit:archive --before <YYYY-MM> --out <folder>
Writes every month of the audit trail before <YYYY-MM> to <folder>/audit_event-YYYY-MM.jsonl (one event
per line), then drops those months from the database (and the refusal counts of those months, to
<folder>/throttle_refusal-before-YYYY-MM.jsonl); each month dropped is itself an AUDIT_ARCHIVED
event in the trail. The current and the previous month are never archived; an existing file is never
overwritten. Also creates the partitions of the months ahead. docs/operations.md: restoring.`;

/** `pnpm audit:archive` — the audit trail's retention (docs/operations.md). */
async function main() {
  const { values } = parseCliArgs(USAGE, {
    options: { before: { type: "string" }, out: { type: "string" } },
  });
  if (!values.before) exitWithUsage(USAGE, "--before is required");
  if (!values.out) exitWithUsage(USAGE, "--out is required");
  const before = parseMonth(values.before);
  if (!before) exitWithUsage(USAGE, `--before: not a month (YYYY-MM): ${values.before}`);
  const newest = lastArchivableMonth(new Date());
  if (before > monthOf(new Date(), -1))
    exitWithUsage(
      USAGE,
      `--before ${before} would archive the current or the previous month, which stay: the newest month that can be archived now is ${newest} (--before ${monthOf(new Date(), -1)})`,
    );
  const out = path.resolve(values.out);
  if (!existsSync(out) || !statSync(out).isDirectory())
    exitWithUsage(USAGE, `--out: not a folder: ${out}`);

  const db = await openDatabase(loadConfig().database);
  try {
    const pending = await db.pending();
    if (pending.length > 0)
      throw new ConfigError([
        `migrations pending (${pending.join(", ")}): run \`pnpm db:migrate\``,
      ]);
    const created = await addAuditPartitions(db.prisma);
    if (created > 0) console.log(`created ${created} monthly partitions ahead`);
    const archive = new AuditArchive(db.prisma);
    const months = await archive.monthsBefore(before);
    const counts = await archive.refusalCountsBefore(before);
    const taken = [
      ...months.map((m) => archiveFileName(m)),
      ...(counts > 0 ? [refusalsFileName(before)] : []),
    ]
      .map((f) => path.join(out, f))
      .filter((f) => existsSync(f) || existsSync(`${f}.partial`));
    if (taken.length > 0) {
      refuse(`refusing to overwrite ${taken.join(", ")}: nothing was archived`);
      return;
    }
    const who = {
      operator: os.userInfo().username,
      meta: { requestId: `cli-${randomUUID()}`, ipHash: null, userAgent: "pnpm audit:archive" },
    };
    for (const month of months) {
      const done = await archive.archiveMonth(month, out, who);
      console.log(`archived ${done.month}: ${done.rows} events to ${done.file}, partition dropped`);
    }
    const refusals = await archive.archiveRefusalCounts(before, out, who);
    if (refusals)
      console.log(`archived ${refusals.rows} refusal counts before ${before} to ${refusals.file}`);
    if (months.length === 0 && !refusals) console.log(`nothing to archive before ${before}`);
  } catch (error) {
    if (!(error instanceof ArchiveExistsError)) throw error;
    refuse(error.message);
  } finally {
    await db.close();
  }
}

/** Says why nothing was done, exit 2 (after the database is closed). */
function refuse(problem: string): void {
  console.error(`${problem}\n${USAGE}`);
  process.exitCode = 2;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
