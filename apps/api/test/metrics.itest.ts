import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  freePort,
  Browser,
  COMPLETE,
  STRONG_PASSWORD,
  type MailingTestApp,
  type TestApp,
  selfEnroll,
  servicingFixture,
  startMailingTestApp,
  startTestApp,
  tokenFrom,
  waitUntil,
} from "@portal/test-support";

/** One sample's value from a Prometheus text exposition (0 when the series is absent). */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = Object.fromEntries(
      [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => present[k] === v)) return Number(match[3]);
  }
  return 0;
}

async function scrape(app: TestApp): Promise<string> {
  const response = await fetch(app.server.metricsUrl!);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

describe("with SMTP up", () => {
  let app: MailingTestApp;
  beforeAll(async () => {
    app = await startMailingTestApp(servicingFixture, {
      METRICS_PORT: "0",
      RATE_LIMIT_ENROLL_CONTRACT: "2/3600",
    });
  });
  afterAll(() => app?.close());

  test("is not served on the public port", async () => {
    expect(app.server.metricsUrl).not.toBeNull();
    expect(new URL(app.server.metricsUrl!).port).not.toBe(new URL(app.server.url).port);
    const onPublic = await fetch(`${app.server.url}/metrics`);
    expect(await onPublic.text()).not.toContain("portal_http_requests_total");
    expect((await fetch(app.server.metricsUrl!.replace("/metrics", "/other"))).status).toBe(404);
  });

  test("a set of enrollments moves the funnel, operation, throttle and mail counters by exactly what happened, with no personal data", async () => {
    const before = await scrape(app);
    const eligible = {
      email: "owner@us-customer.example",
      billingPostalCode: "94607",
      contractId: "US-001",
    };
    const wrongZip = {
      email: "pat@contact.example",
      billingPostalCode: "99999",
      contractId: "US-002",
    };
    expect((await selfEnroll(app, eligible)).__typename).toBe("EnrollmentStarted");
    expect((await selfEnroll(app, wrongZip)).__typename).toBe("EnrollmentRejected");
    expect((await selfEnroll(app, wrongZip)).__typename).toBe("EnrollmentRejected");
    // The contract's limit (2 failures an hour) is spent: the third is refused before any check.
    expect((await selfEnroll(app, wrongZip)).__typename).toBe("RateLimited");
    expect((await selfEnroll(app, { ...eligible, email: "not an address" })).__typename).toBe(
      "InputInvalid",
    );
    const mail = await app.smtp.waitFor(eligible.email, /Finish setting up/);
    const completed = await new Browser(app).gql(COMPLETE, {
      input: { token: tokenFrom(mail, "verify"), password: STRONG_PASSWORD },
    });
    expect(completed.completeEnrollment.__typename).toBe("EnrollmentCompleted");

    const after = await waitUntil(
      () => scrape(app),
      (text) => sample(text, "portal_mail_delivered_total", { via: "smtp" }) >= 1,
    );
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sample(after, name, labels) - sample(before, name, labels);

    expect(delta("portal_enrollment_attempts_total")).toBe(5);
    expect(delta("portal_enrollments_started_total")).toBe(1);
    expect(delta("portal_enrollment_rejections_total", { reason: "POSTAL_CODE_MISMATCH" })).toBe(2);
    expect(delta("portal_enrollment_rejections_total", { reason: "RATE_LIMITED" })).toBe(1);
    expect(delta("portal_enrollment_rejections_total", { reason: "INPUT_INVALID" })).toBe(1);
    expect(delta("portal_enrollments_completed_total")).toBe(1);
    expect(
      delta("portal_throttle_refusals_total", {
        operation: "selfEnroll",
        throttle: "RATE_LIMIT_ENROLL_CONTRACT",
        reason: "TOO_MANY_ATTEMPTS",
      }),
    ).toBe(1);
    expect(delta("portal_mail_delivered_total", { via: "smtp" })).toBe(1);
    // The harness sends documents of its own, not the web app's: they count as `other`.
    const enroll = (result: string) =>
      delta("portal_graphql_operations_total", {
        operation: "other",
        type: "mutation",
        result,
      });
    expect(enroll("EnrollmentStarted")).toBe(1);
    expect(enroll("EnrollmentRejected")).toBe(2);
    expect(enroll("RateLimited")).toBe(1);
    expect(enroll("InputInvalid")).toBe(1);
    expect(
      delta("portal_graphql_operation_duration_seconds_count", {
        operation: "other",
        type: "mutation",
        result: "EnrollmentRejected",
      }),
    ).toBe(2);
    expect(
      delta("portal_http_requests_total", { route: "/graphql", method: "POST", status: "200" }),
    ).toBe(6);
    expect(sample(after, "portal_mail_outbox_depth")).toBe(0);
    expect(sample(after, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(after).toContain("process_resident_memory_bytes");

    // Label values only: sample values are numbers (a memory size may well contain 99999).
    const labelValues = [...after.matchAll(/\w+="((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join("\n");
    for (const secret of [
      "us-customer",
      "contact.example",
      "US-001",
      "US-002",
      "94607",
      "99999",
      "127.0.0.1",
      tokenFrom(mail, "verify"),
    ])
      expect(labelValues).not.toContain(secret);
  });

  test("a document a stranger writes is counted as other, whatever it calls itself", async () => {
    const before = await scrape(app);
    await app.graphql("query Anything_Goes_123 { portalCopy { portalName } }");
    await app.graphql("query { nope }");
    // An alias answering another field under the key __typename does not become a label.
    await app.graphql("{ portalCopy { __typename: supportEmail } }");
    const after = await scrape(app);
    expect(after).not.toContain("Anything_Goes_123");
    expect(after).not.toMatch(/result="[^"]*@/);
    const other = { operation: "other", type: "query", result: "ok" };
    expect(
      sample(after, "portal_graphql_operations_total", other) -
        sample(before, "portal_graphql_operations_total", other),
    ).toBe(2); // the named query and the aliased one, both "ok"
    expect(
      sample(after, "portal_graphql_operations_total", {
        operation: "invalid",
        type: "unknown",
        result: "error",
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  test("web app routes and unknown paths share one route label", async () => {
    await fetch(`${app.server.url}/verify?token=secret-looking-token`);
    await fetch(`${app.server.url}/some/unknown/path-abc`);
    const text = await scrape(app);
    expect(text).not.toContain("secret-looking-token");
    expect(text).not.toContain("path-abc");
    expect(sample(text, "portal_http_requests_total", { route: "app" })).toBeGreaterThan(0);
  });
});

describe("the operation label, where arbitrary operations run beside the web app's", () => {
  const portalCopy = "query PortalCopy { portalCopy { portalName } }";
  const hash = createHash("sha256").update(portalCopy).digest("hex");
  const dir = mkdtempSync(path.join(tmpdir(), "portal-manifest-"));
  let app: TestApp;
  beforeAll(async () => {
    const manifest = path.join(dir, "persisted-documents.json");
    writeFileSync(manifest, JSON.stringify({ [hash]: portalCopy }));
    app = await startTestApp(undefined, {
      METRICS_PORT: "0",
      TRUSTED_DOCUMENTS_FILE: manifest,
      ALLOW_ARBITRARY_OPERATIONS: "true",
    });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = (text: string, operation: string) =>
    sample(text, "portal_graphql_operations_total", { operation, type: "query", result: "ok" });

  test("is the trusted document's name when the web app's operation ran, and other for a client's own document of any name", async () => {
    const before = await scrape(app);
    const byHash = await fetch(`${app.server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        operationName: "PortalCopy",
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      }),
    });
    expect(byHash.status).toBe(200);
    // A document of the client's own that borrows the web app's name, and one named at will.
    await app.graphql("query PortalCopy { portalCopy { supportEmail } }");
    await app.graphql("query Evil123 { portalCopy { portalName } }");
    const after = await scrape(app);
    expect(count(after, "PortalCopy") - count(before, "PortalCopy")).toBe(1);
    expect(count(after, "other") - count(before, "other")).toBe(2);
    expect(after).not.toContain("Evil123");
    expect(after).not.toContain('operation="field:');
  });
});

describe("with the mail server down", () => {
  let app: TestApp;
  afterAll(() => app?.close());

  test("the outbox depth, its oldest mail's age and delivery failures show it, and /readyz reports the mail transport without turning unready", async () => {
    app = await startTestApp(servicingFixture, {
      SMTP_URL: `smtp://127.0.0.1:${await freePort()}`,
      MAIL_POLL_INTERVAL_MS: "100",
      MAIL_RETRY_BASE_MS: "100",
      MAIL_RETRY_MAX_MS: "200",
      METRICS_PORT: "0",
    });
    expect(
      (
        await selfEnroll(app, {
          email: "owner@us-customer.example",
          billingPostalCode: "94607",
          contractId: "US-001",
        })
      ).__typename,
    ).toBe("EnrollmentStarted");
    const text = await waitUntil(
      () => scrape(app),
      (t) =>
        sample(t, "portal_mail_delivery_failures_total", { outcome: "retry" }) >= 2 &&
        sample(t, "portal_mail_outbox_oldest_age_seconds") > 0,
    );
    expect(sample(text, "portal_mail_outbox_depth")).toBe(1);
    expect(sample(text, "portal_mail_delivered_total", { via: "smtp" })).toBe(0);

    const ready = await fetch(`${app.server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ready",
      checks: { database: "ok", migrations: "ok", rateLimitStore: "ok", mailTransport: "failing" },
      mailVia: "smtp",
    });
  });
});
