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

test("production turns introspection off unless asked for", () => {
  expect(loadConfig({ NODE_ENV: "production" }).introspection).toBe(false);
  expect(loadConfig({ NODE_ENV: "production", INTROSPECTION: "true" }).introspection).toBe(true);
});

test.each([
  ["PORT", "eighty", /PORT/],
  ["PORT", "70000", /PORT/],
  ["DATABASE_URL", "mysql://x/y", /DATABASE_URL: must be a postgres/],
  ["LOG_LEVEL", "loud", /LOG_LEVEL/],
  ["NODE_ENV", "staging", /NODE_ENV/],
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
