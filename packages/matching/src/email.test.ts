import fc from "fast-check";
import { emailListContains, isSingleEmailAddress, normalizeEmail, splitEmailList } from "./email";

describe("normalizeEmail", () => {
  it("trims and lowercases", () => {
    expect(normalizeEmail("  Jane.Doe@Example.COM\t")).toBe("jane.doe@example.com");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (raw) => {
        const once = normalizeEmail(raw);
        expect(normalizeEmail(once)).toBe(once);
      }),
    );
  });
});

describe("splitEmailList", () => {
  it.each([null, undefined, "", "  ", ",;, ;"])(
    "returns nothing for the stored value %p",
    (stored) => {
      expect(splitEmailList(stored)).toEqual([]);
    },
  );

  it("splits on commas and semicolons surrounded by spaces", () => {
    expect(splitEmailList("a@x.com , b@y.com;c@z.com ;  d@w.com")).toEqual([
      "a@x.com",
      "b@y.com",
      "c@z.com",
      "d@w.com",
    ]);
  });

  it("normalizes each address and drops empty entries", () => {
    expect(splitEmailList(";; A@X.com,, ,B@Y.COM;")).toEqual(["a@x.com", "b@y.com"]);
  });

  it("lists a duplicate address once, at its first position", () => {
    expect(splitEmailList("b@y.com; a@x.com, B@Y.com")).toEqual(["b@y.com", "a@x.com"]);
  });
});

describe("emailListContains", () => {
  const stored = "billing@acme.com; Jane.Doe@Acme.com , ops@acme.co.uk";

  it("finds each listed address ignoring case and padding", () => {
    expect(emailListContains(stored, "billing@acme.com")).toBe(true);
    expect(emailListContains(stored, "  JANE.DOE@ACME.COM ")).toBe(true);
    expect(emailListContains(stored, "ops@acme.co.uk")).toBe(true);
  });

  it("does not match a substring of a listed address", () => {
    expect(emailListContains(stored, "doe@acme.com")).toBe(false);
    expect(emailListContains(stored, "ops@acme.co")).toBe(false);
    expect(emailListContains(stored, "acme.com")).toBe(false);
  });

  it("does not match the whole stored list or two of its addresses", () => {
    expect(emailListContains("a@x.com,b@y.com", "a@x.com,b@y.com")).toBe(false);
    expect(emailListContains("a@x.com;b@y.com", "a@x.com;b@y.com")).toBe(false);
  });

  it("does not match a blank entry against a list with empty items", () => {
    expect(emailListContains("a@x.com,,", "")).toBe(false);
    expect(emailListContains("a@x.com,,", "   ")).toBe(false);
  });

  it.each([null, undefined, ""])("finds nothing in the stored value %p", (empty) => {
    expect(emailListContains(empty, "a@x.com")).toBe(false);
  });
});

describe("splitEmailList and emailListContains properties", () => {
  const noisyList = fc
    .array(
      fc.tuple(
        fc.constantFrom(",", ";", " , ", " ;", ",,", "; ;"),
        fc.oneof(fc.emailAddress(), fc.string()),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.map(([separator, item]) => separator + item).join(""));

  it("yields trimmed, non-empty, separator-free, unique items, each found again", () => {
    fc.assert(
      fc.property(noisyList, (stored) => {
        const items = splitEmailList(stored);
        expect(new Set(items).size).toBe(items.length);
        for (const item of items) {
          expect(item).not.toBe("");
          expect(item).toBe(item.trim());
          expect(item).not.toMatch(/[,;]/);
          expect(emailListContains(stored, item)).toBe(true);
          expect(emailListContains(stored, ` ${item.toUpperCase()} `)).toBe(true);
        }
      }),
    );
  });

  it("finds a stored address wherever it sits in a list", () => {
    fc.assert(
      fc.property(noisyList, fc.emailAddress(), noisyList, (before, address, after) => {
        expect(emailListContains(`${before};${address.toUpperCase()},${after}`, address)).toBe(
          true,
        );
      }),
    );
  });
});

describe("isSingleEmailAddress", () => {
  it.each([
    "jane@example.com",
    "  jane.doe+billing@mail.example.co.uk ",
    "J_D-1@Sub-Domain.Example.ORG",
    "o'brien@example.ie",
    `${"a".repeat(64)}@example.com`,
  ])("accepts %p", (raw) => {
    expect(isSingleEmailAddress(raw)).toBe(true);
  });

  it.each([
    ["two addresses with a comma", "a@x.com, b@y.com"],
    ["two addresses with a semicolon", "a@x.com;b@y.com"],
    ["inner whitespace", "jane doe@example.com"],
    ["a control character", "jane\u0000@example.com"],
    ["no @", "jane.example.com"],
    ["two @", "jane@doe@example.com"],
    ["an empty local part", "@example.com"],
    ["a domain without a dot", "jane@localhost"],
    ["an empty domain label", "jane@example..com"],
    ["a label starting with a hyphen", "jane@-example.com"],
    ["a label ending with a hyphen", "jane@example-.com"],
    ["an underscore in the domain", "jane@ex_ample.com"],
    ["a non-ASCII local part", "jöns@example.com"],
    ["a local part over 64 characters", `${"a".repeat(65)}@example.com`],
    [
      "an address over 254 characters",
      `a@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(60)}.com`,
    ],
    ["an empty string", "   "],
  ])("rejects %s", (_label, raw) => {
    expect(isSingleEmailAddress(raw)).toBe(false);
  });

  it("accepts exactly 254 characters", () => {
    const domain = `${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(56)}.com`;
    const address = `a@${domain}`;
    expect(address).toHaveLength(254);
    expect(isSingleEmailAddress(address)).toBe(true);
    expect(isSingleEmailAddress(`a${address}`)).toBe(false);
  });

  it("accepts generated addresses and rejects them joined by a separator", () => {
    fc.assert(
      fc.property(
        fc.emailAddress(),
        fc.emailAddress(),
        fc.constantFrom(",", ";", " "),
        (a, b, sep) => {
          fc.pre(a.length <= 254 && a.split("@")[0]!.length <= 64);
          expect(isSingleEmailAddress(a)).toBe(true);
          expect(isSingleEmailAddress(a + sep + b)).toBe(false);
        },
      ),
    );
  });
});
