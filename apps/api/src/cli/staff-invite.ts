import { randomUUID } from "node:crypto";
import { ConfigError, loadConfig } from "../config/config";
import { createStaffInvitations } from "../support/staff-invitations.service";
import { exitWithUsage, parseCliArgs } from "./args";
import { openUpToDateDatabase } from "./database";

const USAGE = `usage: pnpm staff:invite --email <address> --role SUPPORT|ADMIN [--reset]
Invites a member of staff to the support console (docs/support-console.md). The invitation goes
through the outbox like every mail: a running portal sends it. With the development mailbox (no
SMTP_URL outside production) the link is printed here too.
--reset: invites an account that is already set up again (a lost authenticator): its password,
second factor and sessions stop working now, until the new invitation is accepted.`;

/** `pnpm staff:invite` — an invitation to the support console. */
async function main() {
  const { values } = parseCliArgs(USAGE, {
    options: {
      email: { type: "string" },
      role: { type: "string" },
      reset: { type: "boolean", default: false },
    },
  });
  if (!values.email) exitWithUsage(USAGE, "--email is required");
  const role = values.role?.toUpperCase();
  if (role !== "SUPPORT" && role !== "ADMIN") exitWithUsage(USAGE, "--role: SUPPORT or ADMIN");
  const config = loadConfig();
  if (!config.staff.secretKey)
    throw new ConfigError([
      "STAFF_SECRET_KEY: not set, so the support console is off; set it (32+ characters) on every instance first",
    ]);
  const db = await openUpToDateDatabase(config);
  try {
    const invitations = createStaffInvitations(db, config);
    const outcome = await invitations.invite(
      values.email,
      role,
      { requestId: `cli-${randomUUID()}`, ipHash: null, userAgent: "pnpm staff:invite" },
      { reset: values.reset },
    );
    switch (outcome.kind) {
      case "invalid-email":
        exitWithUsage(USAGE, `--email: not one email address: ${values.email}`);
        break;
      case "already-active":
        console.error(
          `${values.email} already has a staff account that is set up; nothing sent (--reset invites it again).`,
        );
        process.exitCode = 1;
        break;
      case "invited":
        console.log(
          `Invited ${values.email.trim().toLowerCase()} as ${role}: the invitation is in the outbox.`,
        );
        if (config.mail.devMailbox) console.log(`Development mailbox: the link is ${outcome.link}`);
    }
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
