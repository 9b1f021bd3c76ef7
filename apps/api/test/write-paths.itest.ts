import { servicingFixture, selfEnroll, useTestApp } from "@portal/test-support";
import { PortalUserRepository } from "../src/accounts/portal-user.repository";

/**
 * A first enrollment writes in one statement (CREATE_ACCOUNTS), a repeat one in a transaction of
 * several: both must write the same rows, because each table has one insert shape, owned by one
 * module. Rows are compared with what differs by nature (ids, times, hashes, links) masked.
 */
const app = useTestApp(servicingFixture);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TOKEN = /token=[A-Za-z0-9_-]+/g;

/** A row with the values that are unique by nature replaced by what they are. */
function shape(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([column, value]) => {
      if (value instanceof Date) return [column, "<time>"];
      if (typeof value === "string" && UUID.test(value)) return [column, "<uuid>"];
      if (column === "token_hash" || column === "request_id") return [column, typeof value];
      if (typeof value === "string") return [column, value.replace(TOKEN, "token=<token>")];
      return [column, value];
    }),
  );
}

const rows = (sql: string, ...params: unknown[]) =>
  app.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(sql, ...params);

test("a repeat enrollment writes its token, mail and attempt exactly as a first one does", async () => {
  const person = { email: "pat@contact.example", billingPostalCode: "10001", contractId: "US-002" };
  expect((await selfEnroll(app, person)).__typename).toBe("EnrollmentStarted");
  expect((await selfEnroll(app, person)).__typename).toBe("EnrollmentStarted");

  // Both mails delivered (to the development mailbox), so their delivery columns compare too.
  await app.server.mailWorker.drain();

  const tokens = await rows(
    `SELECT t.*, EXTRACT(EPOCH FROM t.expires_at - t.created_at)::float8 AS lifetime_seconds FROM account_token t JOIN portal_user u ON u.id = t.user_id WHERE u.email = $1 ORDER BY t.created_at`,
    person.email,
  );
  expect(tokens).toHaveLength(2);
  // The first link is superseded by the second; otherwise the rows are alike.
  expect(tokens[0]!.superseded_at).toBeInstanceOf(Date);
  expect(shape({ ...tokens[0]!, superseded_at: null })).toEqual(shape(tokens[1]!));

  const mails = await rows(
    `SELECT * FROM mail_outbox WHERE to_address = $1 ORDER BY created_at`,
    person.email,
  );
  expect(mails).toHaveLength(2);
  expect(shape(mails[0]!)).toEqual(shape(mails[1]!));

  const attempts = await rows(
    `SELECT * FROM enrollment_attempt WHERE email = $1 ORDER BY created_at`,
    person.email,
  );
  expect(attempts.map((a) => a.reason_code)).toEqual(["ELIGIBLE", "ALREADY_ENROLLED"]);
  expect(shape({ ...attempts[0]!, reason_code: "" })).toEqual(
    shape({ ...attempts[1]!, reason_code: "" }),
  );
});

test("a grant added by a repeat enrollment is written as the first one was", async () => {
  // One address on file for two customers: the first contract creates the account, the second adds a grant.
  expect(
    (
      await selfEnroll(app, {
        email: "shared@family.example",
        billingPostalCode: "30301",
        contractId: "SH-1",
      })
    ).__typename,
  ).toBe("EnrollmentStarted");
  expect(
    (
      await selfEnroll(app, {
        email: "shared@family.example",
        billingPostalCode: "73301",
        contractId: "SH-2",
      })
    ).__typename,
  ).toBe("EnrollmentStarted");
  const grants = await rows(
    `SELECT g.* FROM customer_access_grant g JOIN portal_user u ON u.id = g.user_id WHERE u.email = $1 ORDER BY g.created_at`,
    "shared@family.example",
  );
  expect(grants.map((g) => [g.customer_id, g.granted_via_contract])).toEqual([
    ["C-SHARED-1", "SH-1"],
    ["C-SHARED-2", "SH-2"],
  ]);
  // notified_at is the mail worker's, set after the write (security notices), whenever it passes.
  const masked = grants.map((g) =>
    shape({ ...g, customer_id: "", granted_via_contract: "", notified_at: "<worker>" }),
  );
  expect(masked[0]).toEqual(masked[1]);
});

test("an account created on the repeat path is written as one created by a first enrollment", async () => {
  expect(
    (
      await selfEnroll(app, {
        email: "ops@uk-customer.example",
        billingPostalCode: "SW1A 1AA",
        contractId: "UK-001",
      })
    ).__typename,
  ).toBe("EnrollmentStarted");
  // The repeat path creates an account only when a concurrent enrollment of the address raced it; called directly here.
  const repeat = await app.db.prisma.$transaction((tx) =>
    new PortalUserRepository(app.db.prisma).findOrCreatePending(tx, {
      email: "racing@uk-customer.example",
      firstName: "Test",
      lastName: "Person",
    }),
  );
  expect(repeat).toMatchObject({ created: true, status: "PENDING_VERIFICATION" });
  const [first, second] = await rows(
    `SELECT * FROM portal_user WHERE email IN ($1, $2) ORDER BY email DESC`,
    "ops@uk-customer.example",
    "racing@uk-customer.example",
  );
  expect(shape({ ...first!, email: "" })).toEqual(shape({ ...second!, email: "" }));
});
