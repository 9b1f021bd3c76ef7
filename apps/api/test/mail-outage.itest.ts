import {
  freePort,
  servicingFixture,
  type TestApp,
  selfEnroll,
  startTestApp,
  SmtpCapture,
  tokenFrom,
  waitUntil,
} from "@portal/test-support";

let app: TestApp;
let smtp: SmtpCapture | undefined;
afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

test("with the SMTP server down, enrollment still succeeds and the mail arrives once it is back", async () => {
  const port = await freePort();
  app = await startTestApp(servicingFixture, {
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_POLL_INTERVAL_MS: "100",
    MAIL_RETRY_BASE_MS: "100",
    MAIL_RETRY_MAX_MS: "400",
  });
  const result = await selfEnroll(app, {
    email: "owner@us-customer.example",
    billingPostalCode: "94607",
    contractId: "US-001",
  });
  expect(result.__typename).toBe("EnrollmentStarted");

  const outboxRow = () =>
    app.db.prisma.mailOutbox.findFirstOrThrow({
      where: { toAddress: "owner@us-customer.example" },
    });
  // Wait for at least two failed deliveries.
  const pending = await waitUntil(
    outboxRow,
    (row) => row.attempts >= 2 && row.lastError !== null,
    10_000,
  );
  expect(pending.sentAt).toBeNull();
  expect(pending.attempts).toBeGreaterThanOrEqual(2);
  expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);

  smtp = await new SmtpCapture().start(port);
  const mail = await smtp.waitFor("owner@us-customer.example");
  expect(tokenFrom(mail, "verify")).toBeTruthy();
  // The capture has the message as soon as SMTP accepts it; the worker records delivery right after.
  const sent = await waitUntil(outboxRow, (row) => row.sentAt !== null);
  expect(sent.sentAt).not.toBeNull();
  expect(sent.deliveredVia).toBe("smtp");
});
