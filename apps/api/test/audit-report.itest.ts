import {
  Browser,
  COMPLETE,
  SIGN_IN,
  STRONG_PASSWORD,
  servicingFixture,
  selfEnroll,
  useTestApp,
} from "@portal/test-support";
import { formatFunnel, funnelReport } from "../src/audit/audit-report";

const app = useTestApp(servicingFixture);

test("the funnel counts attempts, rejections by reason, started and completed enrollments", async () => {
  const start = new Date(Date.now() - 1000);
  await selfEnroll(app, {
    email: "stranger@nowhere.example",
    billingPostalCode: "1",
    contractId: "US-001",
  });
  await selfEnroll(app, {
    email: "owner@us-customer.example",
    billingPostalCode: "00000",
    contractId: "US-001",
  });
  await selfEnroll(app, {
    email: "owner@us-customer.example",
    billingPostalCode: "94607",
    contractId: "US-999",
  });
  await selfEnroll(app, { email: "", billingPostalCode: "94607", contractId: "US-001" });
  await selfEnroll(app, {
    email: "owner@us-customer.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  });
  await selfEnroll(app, {
    email: "owner@us-customer.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  });
  const outbox = await app.db.prisma.mailOutbox.findFirstOrThrow({
    where: { toAddress: "owner@us-customer.example" },
    orderBy: { createdAt: "desc" },
  });
  const token = /token=([A-Za-z0-9_-]+)/.exec(outbox.textBody)![1]!;
  const browser = new Browser(app);
  await browser.gql(COMPLETE, { input: { token, password: STRONG_PASSWORD } });
  await browser.gql(SIGN_IN, {
    input: { email: "owner@us-customer.example", password: "not it at all, no" },
  });

  const report = await funnelReport(app.db.prisma, start, new Date(Date.now() + 1000));
  expect(report).toMatchObject({
    attempts: 6,
    invalid: 1,
    rejected: 3,
    rejectionsByReason: { EMAIL_NOT_ON_FILE: 1, POSTAL_CODE_MISMATCH: 1, CONTRACT_NOT_FOUND: 1 },
    started: { total: 2, newAccounts: 1, alreadyEnrolled: 1 },
    completed: 1,
    signIns: { success: 0, failed: 1 },
  });
  const text = formatFunnel(report);
  expect(text).toMatch(/attempts\s+6/);
  expect(text).toMatch(/POSTAL_CODE_MISMATCH\s+1/);

  const before = await funnelReport(app.db.prisma, new Date(0), start);
  expect(before.attempts).toBe(0);
});
