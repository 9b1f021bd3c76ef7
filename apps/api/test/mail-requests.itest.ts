import {
  RESEND,
  selfEnroll,
  servicingFixture,
  waitUntil,
  startMailingTestApp,
  type MailingTestApp,
} from "@portal/test-support";

/**
 * Requests for account emails whose handling fails (here the database refuses the mail for one
 * address, through a trigger): tried again later, and dropped only after their last try, counted.
 */
const ADDRESS = "owner@us-customer.example";

let app: MailingTestApp;
beforeAll(async () => {
  app = await startMailingTestApp(servicingFixture, { METRICS_PORT: "0" });
  const started = await selfEnroll(app, {
    email: ADDRESS,
    billingPostalCode: "94607",
    contractId: "US-001",
  });
  expect(started.__typename).toBe("EnrollmentStarted");
  await app.smtp.waitFor(ADDRESS);
  await app.db.prisma.$executeRawUnsafe(`
    CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'refused for the test'; END $$`);
});
afterAll(() => app?.close());

async function refuseMail(on: boolean) {
  await app.db.prisma.$executeRawUnsafe(
    on
      ? `CREATE TRIGGER refuse_mail BEFORE INSERT ON mail_outbox FOR EACH ROW EXECUTE FUNCTION refuse_mail()`
      : `DROP TRIGGER refuse_mail ON mail_outbox`,
  );
}

const request = () => app.db.prisma.mailRequest.findFirst();

async function droppedMetric(): Promise<string | undefined> {
  const text = await (await fetch(app.server.metricsUrl!)).text();
  return text.split("\n").find((line) => line.startsWith("portal_mail_requests_dropped_total{"));
}

test("a request whose handling fails is tried again later and mailed once it can be", async () => {
  await refuseMail(true);
  const answer = await app.graphql<{ requestVerificationEmail: { __typename: string } }>(RESEND, {
    email: ADDRESS,
  });
  expect(answer.body.data?.requestVerificationEmail.__typename).toBe("EmailRequestAccepted");
  const waiting = await waitUntil(request, (row) => (row?.attempts ?? 0) >= 1);
  expect(waiting).toMatchObject({ attempts: 1, email: ADDRESS });
  expect(waiting!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1000);

  await refuseMail(false);
  const mail = await app.smtp.waitFor(ADDRESS, /Finish setting up/, 10_000);
  expect(mail.to).toBe(ADDRESS);
  expect(await request()).toBeNull();
  expect(await droppedMetric()).toBeUndefined();
});

test("a request that still fails at its last try is dropped and counted", async () => {
  await refuseMail(true);
  await app.graphql(RESEND, { email: ADDRESS });
  const waiting = await waitUntil(request, (row) => (row?.attempts ?? 0) >= 1);
  // Seven tries failed already: the next is the last.
  await app.db.prisma.mailRequest.update({
    where: { id: waiting!.id },
    data: { attempts: 7, nextAttemptAt: new Date() },
  });
  expect(await waitUntil(request, (row) => row === null)).toBeNull();
  expect(await droppedMetric()).toBe(
    'portal_mail_requests_dropped_total{kind="VERIFICATION_EMAIL"} 1',
  );
  await refuseMail(false);
});
