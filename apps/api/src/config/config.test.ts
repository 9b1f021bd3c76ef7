import { ConfigError, loadConfig } from "./config";

test("defaults to the embedded database, port 4000 and introspection on", () => {
  const config = loadConfig({});
  expect(config.PORT).toBe(4000);
  expect(config.database.kind).toBe("embedded");
  expect(config.introspection).toBe(true);
  expect(config.loadDemoData).toBe(true);
});

test("uses PostgreSQL when DATABASE_URL is set, and loads no demo data there by default", () => {
  const config = loadConfig({ DATABASE_URL: "postgresql://u@db:5432/portal" });
  expect(config.database).toEqual({ kind: "postgres", url: "postgresql://u@db:5432/portal" });
  expect(config.loadDemoData).toBe(false);
});

const production = {
  NODE_ENV: "production",
  SMTP_URL: "smtp://mail:587",
  PUBLIC_URL: "https://portal.example",
  IP_HASH_SECRET: "a-long-random-production-secret",
};

test("production turns introspection off unless asked for", () => {
  expect(loadConfig(production).introspection).toBe(false);
  expect(loadConfig({ ...production, INTROSPECTION: "true" }).introspection).toBe(true);
});

test("production needs SMTP_URL and PUBLIC_URL, and uses secure cookies", () => {
  expect(() => loadConfig({ ...production, SMTP_URL: "" })).toThrow(
    /SMTP_URL: required in production/,
  );
  expect(() => loadConfig({ ...production, PUBLIC_URL: "" })).toThrow(
    /PUBLIC_URL: required in production/,
  );
  expect(() => loadConfig({ ...production, IP_HASH_SECRET: "" })).toThrow(
    /IP_HASH_SECRET: required in production/,
  );
  expect(loadConfig(production).sessions.secureCookie).toBe(true);
  expect(loadConfig(production).mail.devMailbox).toBe(false);
});

test("without SMTP_URL outside production, mail goes to the development mailbox", () => {
  const config = loadConfig({ PORT: "4321" });
  expect(config.mail.devMailbox).toBe(true);
  expect(config.publicUrl).toBe("http://localhost:4321");
  expect(config.mail.from).toBe('"Customer Portal" <no-reply@localhost>');
});

test("rate limits are read as count/seconds, with tight defaults", () => {
  const config = loadConfig({ RATE_LIMIT_ENROLL_IP: "100/60" });
  expect(config.throttle.rules.RATE_LIMIT_ENROLL_IP).toEqual({ limit: 100, windowSeconds: 60 });
  expect(config.throttle.rules.RATE_LIMIT_ENROLL_CONTRACT).toEqual({
    limit: 5,
    windowSeconds: 3600,
  });
  expect(() => loadConfig({ RATE_LIMIT_SIGNIN_EMAIL: "five per hour" })).toThrow(
    /RATE_LIMIT_SIGNIN_EMAIL: must look like/,
  );
});

test("TRUST_PROXY is off by default and accepts hop counts and subnets", () => {
  expect(loadConfig({}).trustProxy).toBe(false);
  expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
  expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).trustProxy).toBe(
    "10.0.0.0/8, 127.0.0.1",
  );
  expect(() => loadConfig({ TRUST_PROXY: "everyone" })).toThrow(/TRUST_PROXY/);
});

test("token and session lifetimes come from configuration", () => {
  const config = loadConfig({ VERIFICATION_TOKEN_TTL_HOURS: "2", SESSION_IDLE_MINUTES: "5" });
  expect(config.tokens.verificationTtlMs).toBe(2 * 3_600_000);
  expect(config.sessions.idleMs).toBe(5 * 60_000);
});

test.each([
  ["PORT", "eighty", /PORT/],
  ["PORT", "70000", /PORT/],
  ["DATABASE_URL", "mysql://x/y", /DATABASE_URL: must be a postgres/],
  ["LOG_LEVEL", "loud", /LOG_LEVEL/],
  ["NODE_ENV", "staging", /NODE_ENV/],
  ["SMTP_URL", "http://mail", /SMTP_URL: must be an smtp/],
  ["PUBLIC_URL", "portal.example", /PUBLIC_URL/],
])("a bad %s=%s is refused with a message naming it", (name, value, message) => {
  expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
  expect(() => loadConfig({ [name]: value })).toThrow(message);
});

test("reports every bad variable at once", () => {
  try {
    loadConfig({ PORT: "x", LOG_LEVEL: "y" });
    throw new Error("expected a ConfigError");
  } catch (error) {
    expect((error as ConfigError).problems).toHaveLength(2);
  }
});

test("/metrics is served on 9464 in development, and in production only when METRICS_PORT is set", () => {
  expect(loadConfig({}).metrics).toEqual({ port: 9464, host: "0.0.0.0" });
  expect(loadConfig({ METRICS_PORT: "off" }).metrics).toBeNull();
  expect(loadConfig(production).metrics).toBeNull();
  expect(
    loadConfig({ ...production, METRICS_PORT: "9100", METRICS_HOST: "10.0.0.5" }).metrics,
  ).toEqual({ port: 9100, host: "10.0.0.5" });
  expect(() => loadConfig({ METRICS_PORT: "public" })).toThrow(/METRICS_PORT/);
  expect(() => loadConfig({ METRICS_PORT: "70000" })).toThrow(/METRICS_PORT/);
});

test("full documents are allowed outside production only, and both manifests are looked for in the web build", () => {
  expect(loadConfig({}).trustedDocuments.allowArbitraryOperations).toBe(true);
  expect(loadConfig(production).trustedDocuments.allowArbitraryOperations).toBe(false);
  expect(
    loadConfig({ ...production, ALLOW_ARBITRARY_OPERATIONS: "true" }).trustedDocuments
      .allowArbitraryOperations,
  ).toBe(true);
  expect(loadConfig({ WEB_DIST_DIR: "/srv/web" }).trustedDocuments.file).toBe(
    "/srv/web/.vite/persisted-documents.json",
  );
  expect(loadConfig({ TRUSTED_DOCUMENTS_FILE: "/etc/ops.json" }).trustedDocuments.file).toBe(
    "/etc/ops.json",
  );
  expect(loadConfig({ WEB_DIST_DIR: "/srv/web" }).trustedDocuments.supportFile).toBe(
    "/srv/web/.vite/support-persisted-documents.json",
  );
  expect(
    loadConfig({ SUPPORT_TRUSTED_DOCUMENTS_FILE: "/etc/staff-ops.json" }).trustedDocuments
      .supportFile,
  ).toBe("/etc/staff-ops.json");
  expect(() => loadConfig({ ALLOW_ARBITRARY_OPERATIONS: "sometimes" })).toThrow(
    /ALLOW_ARBITRARY_OPERATIONS/,
  );
});
