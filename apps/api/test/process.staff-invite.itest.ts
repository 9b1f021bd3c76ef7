import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { type Database, openDatabase } from "@portal/api/db/database";

const run = promisify(execFile);
const CLI = path.join(__dirname, "..", "dist", "cli", "staff-invite.js");
const DISABLE_CLI = path.join(__dirname, "..", "dist", "cli", "staff-disable.js");

let dataDir: string;
beforeAll(async () => {
  // An embedded database folder, migrated, that the CLI opens as an operator's would be.
  dataDir = mkdtempSync(path.join(os.tmpdir(), "staff-invite-"));
  const db = await openDatabase({ kind: "embedded", dataDir });
  await db.migrate();
  await db.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The CLI's embedded database, opened for the test's own reads and writes, closed after `use`. */
async function withDatabase<T>(use: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ kind: "embedded", dataDir });
  try {
    return await use(db);
  } finally {
    await db.close();
  }
}

/** Makes `email`'s staff account set up (password, second factor) and signed in on one session. */
function activateWithSession(email: string, tokenHash: string) {
  return withDatabase(async (db) => {
    const staff = await db.prisma.staffUser.update({
      where: { email },
      data: { passwordHash: "x", totpSecret: "v1.a.b.c", activatedAt: new Date() },
    });
    await db.prisma.staffSession.create({
      data: { staffUserId: staff.id, tokenHash, expiresAt: new Date(Date.now() + 3_600_000) },
    });
  });
}

/** `pnpm staff:invite` as an operator runs it: exit code and what it printed. */
function staffInvite(args: string[], env: Record<string, string> = {}) {
  return runCli(CLI, args, env);
}

async function runCli(cli: string, args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      env: { PATH: process.env.PATH ?? "", DATA_DIR: dataDir, LOG_LEVEL: "silent", ...env },
    });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

test("invites through the outbox and, with the development mailbox, prints the link", async () => {
  const result = await staffInvite(["--email", " Ana@Lessor.example ", "--role", "admin"]);
  expect(result.code).toBe(0);
  expect(result.out).toContain("Invited ana@lessor.example as ADMIN");
  expect(result.out).toMatch(/http:\/\/localhost:4000\/support\/invite\?token=[A-Za-z0-9_-]{43}/);
  await withDatabase(async (db) => {
    const mail = await db.prisma.mailOutbox.findFirstOrThrow({
      where: { toAddress: "ana@lessor.example" },
    });
    expect(mail.kind).toBe("STAFF_INVITE");
    expect(mail.textBody).toContain("/support/invite?token=");
    expect(
      await db.prisma.staffUser.findUniqueOrThrow({ where: { email: "ana@lessor.example" } }),
    ).toMatchObject({
      role: "ADMIN",
      activatedAt: null,
      passwordHash: null,
    });
    expect(
      await db.prisma.auditEvent.count({
        where: { eventType: "STAFF_INVITE", email: "ana@lessor.example" },
      }),
    ).toBe(1);
  });
});

test("says what is wrong with its options and exits 2", async () => {
  expect(await staffInvite(["--role", "SUPPORT"])).toMatchObject({
    code: 2,
    out: expect.stringContaining("--email is required"),
  });
  expect(await staffInvite(["--email", "a@b.example", "--role", "ROOT"])).toMatchObject({
    code: 2,
    out: expect.stringContaining("--role: SUPPORT or ADMIN"),
  });
  expect(
    await staffInvite(["--email", "a@b.example, c@d.example", "--role", "SUPPORT"]),
  ).toMatchObject({
    code: 2,
    out: expect.stringContaining("not one email address"),
  });
});

test("in production without STAFF_SECRET_KEY the console is off and the CLI says so", async () => {
  const result = await staffInvite(["--email", "a@b.example", "--role", "SUPPORT"], {
    NODE_ENV: "production",
    SMTP_URL: "smtp://127.0.0.1:1",
    PUBLIC_URL: "https://portal.example",
    IP_HASH_SECRET: "a-long-random-production-secret",
  });
  expect(result.code).toBe(1);
  expect(result.out).toContain("STAFF_SECRET_KEY: not set");
});

test("an account already set up is invited again only with --reset, which ends its password, second factor and sessions", async () => {
  const email = "ana@lessor.example";
  await activateWithSession(email, "h".repeat(64));
  const refused = await staffInvite(["--email", email, "--role", "ADMIN"]);
  expect(refused.code).toBe(1);
  expect(refused.out).toContain("already has a staff account that is set up");

  const reset = await staffInvite(["--email", email, "--role", "SUPPORT", "--reset"]);
  expect(reset.code).toBe(0);
  expect(reset.out).toContain("/support/invite?token=");
  await withDatabase(async (db) => {
    const staff = await db.prisma.staffUser.findUniqueOrThrow({ where: { email } });
    expect(staff).toMatchObject({
      role: "SUPPORT",
      passwordHash: null,
      totpSecret: null,
      activatedAt: null,
    });
    expect(await db.prisma.staffSession.count({ where: { staffUserId: staff.id } })).toBe(0);
    expect(
      await db.prisma.staffToken.count({ where: { staffUserId: staff.id, usedAt: null } }),
    ).toBe(1);
  });
});

test("pnpm staff:disable takes a member's access away at once and keeps the account for the trail", async () => {
  const email = "ana@lessor.example";
  await activateWithSession(email, "d".repeat(64));
  const done = await runCli(DISABLE_CLI, ["--email", " ANA@lessor.example"]);
  expect(done).toMatchObject({
    code: 0,
    out: expect.stringContaining("Disabled ana@lessor.example"),
  });
  expect(await runCli(DISABLE_CLI, ["--email", "nobody@lessor.example"])).toMatchObject({
    code: 1,
    out: expect.stringContaining("No staff account has the address"),
  });
  await withDatabase(async (db) => {
    const staff = await db.prisma.staffUser.findUniqueOrThrow({ where: { email } });
    expect(staff).toMatchObject({ passwordHash: null, totpSecret: null, activatedAt: null });
    expect(await db.prisma.staffSession.count({ where: { staffUserId: staff.id } })).toBe(0);
    expect(
      await db.prisma.staffToken.count({ where: { staffUserId: staff.id, usedAt: null } }),
    ).toBe(0);
    expect(
      await db.prisma.auditEvent.count({
        where: { eventType: "STAFF_DISABLED", staffUserId: staff.id },
      }),
    ).toBe(1);
  });
});

test("both CLIs refuse a database with migrations pending and write nothing", async () => {
  const unmigrated = mkdtempSync(path.join(os.tmpdir(), "staff-unmigrated-"));
  try {
    for (const [cli, args] of [
      [CLI, ["--email", "a@b.example", "--role", "SUPPORT"]],
      [DISABLE_CLI, ["--email", "a@b.example"]],
    ] as const)
      expect(await runCli(cli, [...args], { DATA_DIR: unmigrated })).toMatchObject({
        code: 1,
        out: expect.stringMatching(/migrations pending \(.+\): run `pnpm db:migrate`/),
      });
  } finally {
    rmSync(unmigrated, { recursive: true, force: true });
  }
});
