import { storableEmail, storableText } from "./storable-text";

test("replaces NUL, which PostgreSQL text cannot hold", () => {
  expect(storableText("a\u0000b", 10)).toBe("a\uFFFDb");
});

test("replaces lone surrogates, which are not valid UTF-8", () => {
  expect(storableText("x\uD800y", 10)).toBe("x\uFFFDy");
});

test("bounds the length and keeps ordinary text as it is", () => {
  expect(storableText("Amélie 🦊", 100)).toBe("Amélie 🦊");
  expect(storableText("abcdef", 3)).toBe("abc");
});

test("an email for lookups is normalised, bounded and storable", () => {
  expect(storableEmail("  Dana@Example.COM ")).toBe("dana@example.com");
  expect(storableEmail("a\u0000@x.example")).toBe("a\uFFFD@x.example");
  expect(storableEmail("x".repeat(1000))).toHaveLength(320);
});
