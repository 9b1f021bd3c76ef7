import { groupKey, readOtpauth } from "./otpauth";

test("reads the key, account and issuer of the URI the API returns once", () => {
  expect(
    readOtpauth(
      "otpauth://totp/Customer%20Portal%20support:ana.admin%40lessor.example?issuer=Customer%20Portal%20support&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30",
    ),
  ).toEqual({
    secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    account: "ana.admin@lessor.example",
    issuer: "Customer Portal support",
    digits: 6,
    period: 30,
  });
});

test("a URI without a base32 key, or of another kind, is not read", () => {
  expect(readOtpauth("otpauth://totp/x?secret=not-base32!")).toBeNull();
  expect(readOtpauth("otpauth://hotp/x?secret=JBSWY3DP")).toBeNull();
  expect(readOtpauth("https://example.test/?secret=JBSWY3DP")).toBeNull();
  expect(readOtpauth("not a uri")).toBeNull();
});

test("the key is shown in groups of four", () => {
  expect(groupKey("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")).toBe(
    "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP",
  );
  expect(groupKey("ABCDEF")).toBe("ABCD EF");
});
