import { randomUUID } from "node:crypto";
import { ConfigError, loadConfig } from "../config/config";
import { createStaffInvitations } from "../support/staff-invitations.service";
import { exitWithUsage, parseCliArgs } from "./args";
import { openUpToDateDatabase } from "./database";

const USAGE = `usage: pnpm staff:disable --email <address>
Takes a member of staff's access to the support console away at once (someone leaving): password,
authenticator, sessions and unused invitations stop working. The account stays for the audit trail;
pnpm staff:invite brings it back.`;

/** `pnpm staff:disable` — offboarding from the support console. */
async function main() {
  const { values } = parseCliArgs(USAGE, { options: { email: { type: "string" } } });
  if (!values.email) exitWithUsage(USAGE, "--email is required");
  const config = loadConfig();
  const db = await openUpToDateDatabase(config);
  try {
    const staff = createStaffInvitations(db, config);
    const meta = {
      requestId: `cli-${randomUUID()}`,
      ipHash: null,
      userAgent: "pnpm staff:disable",
    };
    if (await staff.disable(values.email, meta)) {
      console.log(`Disabled ${values.email.trim().toLowerCase()}: it can no longer sign in.`);
    } else {
      console.error(`No staff account has the address ${values.email}; nothing changed.`);
      process.exitCode = 1;
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
