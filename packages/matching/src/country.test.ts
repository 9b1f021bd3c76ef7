import { recognizeCountry } from "./country";

describe("recognizeCountry", () => {
  it.each([
    "US",
    "us",
    "USA",
    "usa",
    "U.S.",
    "u.s.a.",
    "United States",
    "UNITED STATES OF AMERICA",
  ])("recognizes %p as the United States", (raw) => {
    expect(recognizeCountry(raw)).toBe("US");
  });

  it.each(["CA", "ca", "CAN", "can", "Canada", "CANADA", "canada"])(
    "recognizes %p as Canada",
    (raw) => {
      expect(recognizeCountry(raw)).toBe("CA");
    },
  );

  it("ignores surrounding whitespace and collapses inner whitespace", () => {
    expect(recognizeCountry("  united \t states  ")).toBe("US");
    expect(recognizeCountry("\nUnited  States   of America ")).toBe("US");
    expect(recognizeCountry(" ca ")).toBe("CA");
  });

  it.each([null, undefined, "", "   ", "..."])("treats a missing country %p as other", (raw) => {
    expect(recognizeCountry(raw)).toBe("OTHER");
  });

  it.each(["GB", "United Kingdom", "Mexico", "DE", "USB", "Canadas", "States", "America", "U S A"])(
    "treats %p as another country",
    (raw) => {
      expect(recognizeCountry(raw)).toBe("OTHER");
    },
  );
});
