import type { PreparedSql } from "../src/db/prepared";
import {
  EnrollmentRepository,
  type NewAccountRequest,
} from "../src/enrollment/enrollment.repository";
import { servicingFixture, useTestApp } from "@portal/test-support";

const app = useTestApp(servicingFixture);

/** The rows each CREATE_ACCOUNTS call carried, seen through a wrapper round the real driver. */
function recordingSql(calls: number[]): PreparedSql {
  return {
    run: (statement, params) => {
      if (statement.name === "enrollment_create_accounts")
        calls.push((params[0] as unknown[]).length);
      return app.db.sql.run(statement, params);
    },
  };
}

const request = (email: string, customerId: string): NewAccountRequest => ({
  person: { email, firstName: "Batch", lastName: "Test" },
  access: { customerId, contractId: "US-001" },
  verification: {
    token: { purpose: "VERIFY_EMAIL", hash: `hash-${email}-${customerId}`, ttlMs: 3_600_000 },
    mail: { kind: "VERIFY_EMAIL", subject: "Subject", text: "Text", html: "<p>Html</p>" },
  },
  attempt: {
    requestId: null,
    email,
    contractId: "US-001",
    outcome: "STARTED",
    reasonCode: "ELIGIBLE",
    customerId,
  },
});

test("first enrollments arriving together are one statement: one account per address, everything written", async () => {
  const calls: number[] = [];
  const repository = new EnrollmentRepository(recordingSql(calls));
  const [a, b, repeat] = await Promise.all([
    repository.createAccount(request("together-a@example.test", "C-US")),
    repository.createAccount(request("together-b@example.test", "C-US")),
    repository.createAccount(request("together-a@example.test", "C-US")),
  ]);
  expect(calls).toEqual([2]);
  expect(a).toEqual(expect.any(String));
  expect(b).toEqual(expect.any(String));
  // The repeat of an address in the same batch is left to the existing-account path.
  expect(repeat).toBeNull();
  for (const id of [a!, b!]) {
    expect(
      await app.db.prisma.customerAccessGrant.count({ where: { userId: id, customerId: "C-US" } }),
    ).toBe(1);
    expect(await app.db.prisma.accountToken.count({ where: { userId: id } })).toBe(1);
    expect(
      await app.db.prisma.enrollmentAttempt.count({ where: { userId: id, outcome: "STARTED" } }),
    ).toBe(1);
  }
  expect(
    await app.db.prisma.mailOutbox.count({
      where: { toAddress: { in: ["together-a@example.test", "together-b@example.test"] } },
    }),
  ).toBe(2);
});

test("a batch that fails is retried one by one: only the bad enrollment fails, nothing of it is left", async () => {
  const calls: number[] = [];
  const repository = new EnrollmentRepository(recordingSql(calls));
  // A token hash that is already stored: its unique index fails the whole statement.
  await repository.createAccount(request("batch-first@example.test", "C-US"));
  calls.length = 0;
  const bad = request("batch-bad@example.test", "C-US");
  bad.verification.token.hash = request("batch-first@example.test", "C-US").verification.token.hash;
  const [good, badResult] = await Promise.allSettled([
    repository.createAccount(request("batch-good@example.test", "C-US")),
    repository.createAccount(bad),
  ]);
  expect(calls).toEqual([2, 1, 1]);
  expect(good).toEqual({ status: "fulfilled", value: expect.any(String) });
  expect(badResult.status).toBe("rejected");
  expect(await app.db.prisma.portalUser.count({ where: { email: "batch-bad@example.test" } })).toBe(
    0,
  );
  expect(
    await app.db.prisma.mailOutbox.count({ where: { toAddress: "batch-bad@example.test" } }),
  ).toBe(0);
  expect(
    await app.db.prisma.portalUser.count({ where: { email: "batch-good@example.test" } }),
  ).toBe(1);
});
