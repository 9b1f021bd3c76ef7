import fc from "fast-check";
import { contractIdsMatch, normalizeContractId } from "./contract-id";

describe("normalizeContractId", () => {
  it("trims and uppercases", () => {
    expect(normalizeContractId("  ct-0042a \t")).toBe("CT-0042A");
  });

  it("keeps inner characters other than case untouched", () => {
    expect(normalizeContractId("ab 12/x")).toBe("AB 12/X");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (raw) => {
        const once = normalizeContractId(raw);
        expect(normalizeContractId(once)).toBe(once);
      }),
    );
  });
});

describe("contractIdsMatch", () => {
  it("matches ignoring case and surrounding whitespace", () => {
    expect(contractIdsMatch(" ct-100 ", "CT-100")).toBe(true);
  });

  it("does not match a prefix or a differently punctuated id", () => {
    expect(contractIdsMatch("CT-10", "CT-100")).toBe(false);
    expect(contractIdsMatch("CT100", "CT-100")).toBe(false);
  });

  it("never matches a blank id, not even another blank one", () => {
    expect(contractIdsMatch("", "")).toBe(false);
    expect(contractIdsMatch("  ", "")).toBe(false);
  });

  it("is symmetric", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(contractIdsMatch(a, b)).toBe(contractIdsMatch(b, a));
      }),
    );
  });
});
