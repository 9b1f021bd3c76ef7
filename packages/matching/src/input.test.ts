import fc from "fast-check";
import type { EnrollmentField, EnrollmentInput } from "./input";
import { LIMITS, normalizeEnrollmentInput, validateEnrollmentInput } from "./input";

const valid: EnrollmentInput = {
  firstName: "Jane",
  lastName: "Doe",
  email: "jane.doe@example.com",
  billingPostalCode: "12345-6789",
  contractId: "ct-100",
};

const FIELDS: EnrollmentField[] = [
  "firstName",
  "lastName",
  "email",
  "billingPostalCode",
  "contractId",
];
const LIMIT_OF: Record<EnrollmentField, number> = {
  firstName: LIMITS.name,
  lastName: LIMITS.name,
  email: LIMITS.email,
  billingPostalCode: LIMITS.postalCode,
  contractId: LIMITS.contractId,
};
const ONE_MEGABYTE = 1024 * 1024;

function errorsWith(field: EnrollmentField, value: string | null | undefined) {
  return validateEnrollmentInput({ ...valid, [field]: value });
}

/** A value of exactly `length` characters that is otherwise valid for the field. */
function validOfLength(field: EnrollmentField, length: number): string {
  if (field !== "email") return "A".repeat(length);
  const domain = ["b", "c", "d"].map((letter) => letter.repeat(63)).join(".");
  return `a@${domain}.${"e".repeat(length - domain.length - 7)}.com`;
}

describe("validateEnrollmentInput", () => {
  it("accepts a complete, well-formed input", () => {
    expect(validateEnrollmentInput(valid)).toEqual([]);
  });

  it.each(FIELDS)("requires %s", (field) => {
    for (const missing of [null, undefined, "", " \t\n "]) {
      expect(errorsWith(field, missing)).toEqual([{ field, code: "REQUIRED" }]);
    }
  });

  it("requires a postal code with at least one letter or digit", () => {
    expect(errorsWith("billingPostalCode", " - / ")).toEqual([
      { field: "billingPostalCode", code: "REQUIRED" },
    ]);
    expect(errorsWith("billingPostalCode", "ß")).toEqual([
      { field: "billingPostalCode", code: "REQUIRED" },
    ]);
  });

  it.each(FIELDS)("accepts %s at its length limit and rejects one character more", (field) => {
    const limit = LIMIT_OF[field];
    const atLimit = validOfLength(field, limit);
    expect(atLimit).toHaveLength(limit);
    expect(errorsWith(field, atLimit)).toEqual([]);
    expect(errorsWith(field, `${atLimit}A`)).toEqual([{ field, code: "TOO_LONG" }]);
  });

  it("measures the length after trimming", () => {
    expect(errorsWith("firstName", `  ${"A".repeat(LIMITS.name)}  `)).toEqual([]);
  });

  it.each(FIELDS)("rejects a 1 MB %s as too long", (field) => {
    expect(errorsWith(field, "a@b.c ".repeat(ONE_MEGABYTE / 6))).toEqual([
      { field, code: "TOO_LONG" },
    ]);
  });

  it.each(["firstName", "lastName", "billingPostalCode", "contractId"] as const)(
    "rejects control characters inside %s",
    (field) => {
      for (const control of ["\u0000", "\u0007", "\t", "\u007f", "\u0085"]) {
        expect(errorsWith(field, `AB${control}12`)).toEqual([
          { field, code: "INVALID_CHARACTERS" },
        ]);
      }
    },
  );

  it.each(["firstName", "lastName"] as const)(
    "refuses a %s that a name does not need (invisible letters, lookalike dots, links, digits)",
    (field) => {
      for (const value of [
        "Dana\u202Eexe.pdf",
        "Da\u200Bna",
        "Dana\u2028Call us",
        "www.evil.example",
        "Dana 2",
        "\u3164",
        "Security team. Confirm at portal\uA4F8northwind-secure\uA4F8com",
      ]) {
        expect(errorsWith(field, value)).toEqual([{ field, code: "INVALID_NAME" }]);
      }
    },
  );

  it("accepts names with accents, apostrophes, hyphens and spaces", () => {
    expect(
      validateEnrollmentInput({ ...valid, firstName: "Zoë-Anne", lastName: "O'Brien de la Cruz" }),
    ).toEqual([]);
  });

  it.each([
    "a@x.com, b@y.com",
    "a@x.com;b@y.com",
    "jane",
    "jane@localhost",
    "jane doe@example.com",
  ])("rejects the email %p", (email) => {
    expect(errorsWith("email", email)).toEqual([{ field: "email", code: "INVALID_EMAIL" }]);
  });

  it("reports one error per field, in field order", () => {
    const errors = validateEnrollmentInput({
      firstName: "A".repeat(LIMITS.name + 1),
      lastName: null,
      email: "not an email",
      billingPostalCode: "1\u00002",
      contractId: "   ",
    });
    expect(errors).toEqual([
      { field: "firstName", code: "TOO_LONG" },
      { field: "lastName", code: "REQUIRED" },
      { field: "email", code: "INVALID_EMAIL" },
      { field: "billingPostalCode", code: "INVALID_CHARACTERS" },
      { field: "contractId", code: "REQUIRED" },
    ]);
  });

  it("never throws and reports at most one known error per field, in order", () => {
    const value = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.constantFrom(null, undefined),
    );
    const input = fc.record<EnrollmentInput>({
      firstName: value,
      lastName: value,
      email: fc.oneof(value, fc.emailAddress()),
      billingPostalCode: value,
      contractId: value,
    });
    fc.assert(
      fc.property(input, (raw) => {
        const errors = validateEnrollmentInput(raw);
        const fields = errors.map((error) => error.field);
        expect(fields).toEqual(FIELDS.filter((field) => fields.includes(field)));
        for (const { code } of errors) {
          expect([
            "REQUIRED",
            "TOO_LONG",
            "INVALID_EMAIL",
            "INVALID_CHARACTERS",
            "INVALID_NAME",
          ]).toContain(code);
        }
      }),
    );
  });

  it("never throws on 1 MB strings of any content and reports them as too long", () => {
    const huge = fc
      .string({ unit: "binary", minLength: 1, maxLength: 8 })
      .filter((chunk) => chunk.trim() !== "")
      .map((chunk) => chunk.repeat(Math.ceil(ONE_MEGABYTE / chunk.length)));
    fc.assert(
      fc.property(huge, (value) => {
        const errors = validateEnrollmentInput({
          firstName: value,
          lastName: value,
          email: value,
          billingPostalCode: value,
          contractId: value,
        });
        expect(errors).toEqual(FIELDS.map((field) => ({ field, code: "TOO_LONG" })));
      }),
      { numRuns: 20 },
    );
  });
});

describe("normalizeEnrollmentInput", () => {
  it("trims names, normalizes the email and contract id, keeps the postal code as typed", () => {
    expect(
      normalizeEnrollmentInput({
        firstName: "  Jane ",
        lastName: "\tDoe\n",
        email: "  Jane.Doe@Example.COM ",
        billingPostalCode: " k1a 0b1 ",
        contractId: " ct-100 ",
      }),
    ).toEqual({
      firstName: "Jane",
      lastName: "Doe",
      email: "jane.doe@example.com",
      billingPostalCode: "k1a 0b1",
      contractId: "CT-100",
    });
  });

  it("turns missing values into empty strings", () => {
    expect(
      normalizeEnrollmentInput({
        firstName: null,
        lastName: undefined,
        email: null,
        billingPostalCode: undefined,
        contractId: null,
      }),
    ).toEqual({ firstName: "", lastName: "", email: "", billingPostalCode: "", contractId: "" });
  });
});
