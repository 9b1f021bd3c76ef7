import { lengthStatus, passwordLength } from "./password-policy";

test("length is counted in characters (code points), as the server counts it", () => {
  expect(passwordLength("🔑🔑🔑")).toBe(3);
  expect(lengthStatus("🔑".repeat(11))).toBe("short");
  expect(lengthStatus("a".repeat(12))).toBe("ok");
  expect(lengthStatus("a".repeat(128))).toBe("ok");
  expect(lengthStatus("a".repeat(129))).toBe("long");
});
