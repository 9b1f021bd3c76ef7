import { DEVICE_TOKEN_DAYS, DeviceTokens } from "./device-token";

const secret = "a-test-secret-of-some-length";

test("a token verifies for the account and scope it was issued for, and gives its id", () => {
  const tokens = new DeviceTokens(secret);
  const { token } = tokens.issue("staff", "sam@lessor.example");
  const id = tokens.verify("staff", "sam@lessor.example", token);
  expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
  expect(token).toContain(id);
  // A new token per sign-in: ids differ.
  expect(
    tokens.verify("staff", "sam@lessor.example", tokens.issue("staff", "sam@lessor.example").token),
  ).not.toBe(id);
});

test("another account's token, the other scope's, another secret's or an altered one verifies as nothing", () => {
  const tokens = new DeviceTokens(secret);
  const { token } = tokens.issue("staff", "sam@lessor.example");
  expect(tokens.verify("staff", "ana@lessor.example", token)).toBeNull();
  expect(tokens.verify("customer", "sam@lessor.example", token)).toBeNull();
  expect(
    new DeviceTokens("another-secret-of-some-length").verify("staff", "sam@lessor.example", token),
  ).toBeNull();
  const [v, id, expires, mac] = token.split(".") as [string, string, string, string];
  const flipped = `${mac.slice(0, -1)}${mac.endsWith("A") ? "B" : "A"}`;
  expect(
    tokens.verify("staff", "sam@lessor.example", `${v}.${id}.${expires}.${flipped}`),
  ).toBeNull();
  // A later expiry (or another id) under the same tag is refused.
  expect(
    tokens.verify("staff", "sam@lessor.example", `${v}.${id}.${Number(expires) + 1}.${mac}`),
  ).toBeNull();
  const otherId = `${id.slice(0, -1)}${id.endsWith("A") ? "B" : "A"}`;
  expect(
    tokens.verify("staff", "sam@lessor.example", `${v}.${otherId}.${expires}.${mac}`),
  ).toBeNull();
  for (const bad of [
    undefined,
    "",
    "v1",
    `${token}x`,
    "x".repeat(10_000),
    token.replace("v1", "v2"),
  ])
    expect(tokens.verify("staff", "sam@lessor.example", bad)).toBeNull();
});

test(`a token expires ${DEVICE_TOKEN_DAYS} days after it was issued`, () => {
  let now = Date.UTC(2026, 0, 1);
  const tokens = new DeviceTokens(secret, () => now);
  const { token, expiresAt } = tokens.issue("customer", "ops@uk-customer.example");
  expect(expiresAt.getTime() - now).toBe(DEVICE_TOKEN_DAYS * 86_400_000);
  now = expiresAt.getTime() - 1000;
  expect(tokens.verify("customer", "ops@uk-customer.example", token)).not.toBeNull();
  now = expiresAt.getTime();
  expect(tokens.verify("customer", "ops@uk-customer.example", token)).toBeNull();
});
