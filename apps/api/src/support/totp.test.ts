import { authenticatorCode } from "@portal/test-support";
import { SecretBox } from "./secret-box";
import { checkTotp, newTotpSecret, totpUri } from "./totp";

test("accepts the code an authenticator computes, once: the same step is refused afterwards", () => {
  const secret = newTotpSecret();
  const code = authenticatorCode(secret, Date.now());
  const first = checkTotp(secret, code, null);
  expect(first).toMatchObject({ ok: true });
  if (!first.ok) return;
  expect(checkTotp(secret, code, first.step)).toEqual({ ok: false });
});

test("accepts the previous step's code (clock drift) but not one from two minutes ago", () => {
  const secret = newTotpSecret();
  expect(checkTotp(secret, authenticatorCode(secret, Date.now() - 30_000), null)).toMatchObject({
    ok: true,
  });
  expect(checkTotp(secret, authenticatorCode(secret, Date.now() - 120_000), null)).toEqual({
    ok: false,
  });
});

test("refuses malformed codes without looking further", () => {
  const secret = newTotpSecret();
  for (const code of ["", "12345", "1234567", "abcdef", "12 345", "１２３４５６"])
    expect(checkTotp(secret, code, null)).toEqual({ ok: false });
});

test("the otpauth URI names the issuer and account and carries the secret with 6 digits, 30 s, SHA1", () => {
  const secret = newTotpSecret();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const uri = new URL(totpUri("Acme Portal support", "ana@lessor.example", secret));
  expect(uri.protocol).toBe("otpauth:");
  expect(uri.host).toBe("totp");
  expect(decodeURIComponent(uri.pathname)).toBe("/Acme Portal support:ana@lessor.example");
  expect(uri.searchParams.get("secret")).toBe(secret);
  expect(uri.searchParams.get("issuer")).toBe("Acme Portal support");
  expect(uri.searchParams.get("digits") ?? "6").toBe("6");
  expect(uri.searchParams.get("period") ?? "30").toBe("30");
  expect((uri.searchParams.get("algorithm") ?? "SHA1").toUpperCase()).toBe("SHA1");
});

test("a sealed secret opens with its key only, and any change to it is detected", () => {
  const box = new SecretBox("a key of at least thirty-two characters!");
  const sealed = box.seal("JBSWY3DPEHPK3PXP", "staff-1");
  expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
  expect(box.open(sealed, "staff-1")).toBe("JBSWY3DPEHPK3PXP");
  expect(() =>
    new SecretBox("another key of thirty-two characters!!").open(sealed, "staff-1"),
  ).toThrow();
  // Moved to another member's row: refused.
  expect(() => box.open(sealed, "staff-2")).toThrow();
  const tampered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
  expect(() => box.open(tampered, "staff-1")).toThrow();
  // A truncated tag (4 bytes) is not accepted.
  const [v, iv, tag, body] = sealed.split(".");
  const shortTag = Buffer.from(tag!, "base64url").subarray(0, 4).toString("base64url");
  expect(() => box.open([v, iv, shortTag, body].join("."), "staff-1")).toThrow();
});
