import fc from "fast-check";
import { type EmailOwnerFacts, decideEligibility } from "./decision";
import { explainEligibility } from "./explain";
import {
  ELIGIBILITY_RULES,
  type ContractRecordFacts,
  type EligibilityRule,
  type EmailRecordFacts,
  type ExplainedInput,
  type Explanation,
  type ExplanationFacts,
  RULE_OF_REASON,
} from "./explain.types";
import { postalCodesMatch } from "./postal";

const contract: ContractRecordFacts = {
  id: "HX-1",
  key: "HX-1",
  customerId: "C-1",
  status: "BOOKED",
  booked: true,
  closedAt: null,
  billingPostalCode: "02134-1234",
  billingCountry: "US",
};
const ownEmail: EmailRecordFacts = { source: "CUSTOMER", sourceId: "C-1", customerId: "C-1" };
const entered: ExplainedInput = {
  email: "owner@c1.example",
  contractId: "HX-1",
  billingPostalCode: "02134",
};

const explain = (facts: Partial<ExplanationFacts>, input: Partial<ExplainedInput> = {}) =>
  explainEligibility({ ...entered, ...input }, { contract, emailRecords: [ownEmail], ...facts });

const check = (explanation: Explanation, rule: EligibilityRule) => {
  const found = explanation.checks.find((c) => c.rule === rule);
  if (found === undefined) throw new Error(`no ${rule} check`);
  return found;
};

describe("explainEligibility", () => {
  it("passes every check of an eligible enrollment and names the customer", () => {
    const explanation = explain({});
    expect(explanation).toMatchObject({
      kind: "explained",
      eligible: true,
      reasonCode: null,
      customerId: "C-1",
    });
    expect(explanation.checks.map((c) => [c.rule, c.status, c.decisive])).toEqual(
      ELIGIBILITY_RULES.map((rule) => [rule, "PASSED", false]),
    );
    expect(check(explanation, "CONTRACT_BOOKED").detail).toBe(
      "contract HX-1 is booked, for customer C-1",
    );
    expect(check(explanation, "EMAIL_ON_FILE").detail).toBe(
      "this address is on file for customer C-1 as the customer's own email",
    );
    expect(explanation.onFile).toEqual([
      { customerId: "C-1", source: "CUSTOMER", sourceId: "C-1", recordCustomerId: "C-1" },
    ]);
  });

  it("says which customers the address is on file for and through which record", () => {
    const explanation = explain({
      emailRecords: [
        { source: "CONTACT", sourceId: "K-7", customerId: "C-1" },
        { source: "CUSTOMER", sourceId: "C-2", customerId: "C-2" },
      ],
    });
    expect(check(explanation, "EMAIL_ON_FILE").detail).toBe(
      "this address is on file for customer C-1 through contact K-7, and for customer C-2 as the customer's own email",
    );
    expect(explanation.onFile.map((p) => [p.customerId, p.source, p.sourceId])).toEqual([
      ["C-1", "CONTACT", "K-7"],
      ["C-2", "CUSTOMER", "C-2"],
    ]);
  });

  it("credits a bill-to location to the customers it bills, not to its owner", () => {
    const explanation = explain({
      emailRecords: [
        { source: "LOCATION", sourceId: "L-3", customerId: "C-9", billedCustomerIds: ["C-1"] },
      ],
    });
    expect(explanation).toMatchObject({ eligible: true, customerId: "C-1" });
    expect(explanation.onFile).toEqual([
      { customerId: "C-1", source: "LOCATION", sourceId: "L-3", recordCustomerId: "C-9" },
    ]);
    expect(check(explanation, "EMAIL_ON_FILE").detail).toBe(
      "this address is on file for customer C-1 through bill-to location L-3 (a location of customer C-9)",
    );
  });

  it("refuses an address found only on a location that bills no contract, and says so", () => {
    const explanation = explain({
      emailRecords: [
        { source: "LOCATION", sourceId: "L-9", customerId: "C-1", billedCustomerIds: [] },
      ],
    });
    expect(explanation).toMatchObject({ eligible: false, reasonCode: "EMAIL_NOT_ON_FILE" });
    expect(explanation.unbilledLocations).toEqual([{ locationId: "L-9", customerId: "C-1" }]);
    expect(check(explanation, "EMAIL_ON_FILE")).toEqual({
      rule: "EMAIL_ON_FILE",
      status: "FAILED",
      decisive: true,
      detail:
        "this address is on file only on location L-9 of customer C-1, which no contract bills to, so it proves no customer",
    });
  });

  it("says nothing is on file for an unknown address, and still reports the other checks", () => {
    const explanation = explain({ emailRecords: [] });
    expect(explanation).toMatchObject({ eligible: false, reasonCode: "EMAIL_NOT_ON_FILE" });
    expect(check(explanation, "EMAIL_ON_FILE").detail).toBe(
      "this address is not on file: no customer, contact or bill-to location lists it",
    );
    expect(explanation.checks.map((c) => [c.rule, c.status, c.decisive])).toEqual([
      ["EMAIL_ON_FILE", "FAILED", true],
      ["CONTRACT_FOUND", "PASSED", false],
      ["CONTRACT_BOOKED", "PASSED", false],
      ["CONTRACT_OF_EMAIL_CUSTOMER", "FAILED", false],
      ["POSTAL_CODE_MATCHES", "PASSED", false],
    ]);
    expect(check(explanation, "CONTRACT_OF_EMAIL_CUSTOMER").detail).toBe(
      "contract HX-1 belongs to customer C-1, and this address is on file for no customer",
    );
  });

  it("reports an unknown contract and leaves the contract's checks unchecked", () => {
    const explanation = explain({ contract: null }, { contractId: "HX-404" });
    expect(explanation).toMatchObject({
      eligible: false,
      reasonCode: "CONTRACT_NOT_FOUND",
      contract: null,
      postal: null,
    });
    expect(explanation.checks.map((c) => c.status)).toEqual([
      "PASSED",
      "FAILED",
      "NOT_CHECKED",
      "NOT_CHECKED",
      "NOT_CHECKED",
    ]);
    expect(check(explanation, "CONTRACT_FOUND").detail).toBe(
      'no contract is on file as "HX-404" (compared trimmed, ignoring case)',
    );
  });

  it("reports a contract that is not booked with its status and the day it closed", () => {
    const closed = {
      ...contract,
      status: "Terminated",
      booked: false,
      closedAt: new Date("2026-03-01T02:00:00Z"),
    };
    const explanation = explain({ contract: closed });
    expect(explanation).toMatchObject({ eligible: false, reasonCode: "CONTRACT_NOT_BOOKED" });
    expect(check(explanation, "CONTRACT_BOOKED")).toMatchObject({
      status: "FAILED",
      decisive: true,
      detail: 'contract HX-1 is not booked: its status is "Terminated", closed on 2026-03-01',
    });
  });

  it("refuses another customer's contract before its postal code, yet shows the comparison to staff", () => {
    const others = { ...contract, customerId: "C-2" };
    const explanation = explain({ contract: others });
    expect(explanation).toMatchObject({
      eligible: false,
      reasonCode: "CONTRACT_OF_OTHER_CUSTOMER",
      customerId: null,
    });
    expect(check(explanation, "CONTRACT_OF_EMAIL_CUSTOMER")).toEqual({
      rule: "CONTRACT_OF_EMAIL_CUSTOMER",
      status: "FAILED",
      decisive: true,
      detail:
        "contract HX-1 belongs to customer C-2, but this address is on file only for customer C-1",
    });
    expect(check(explanation, "POSTAL_CODE_MATCHES")).toMatchObject({
      status: "PASSED",
      decisive: false,
    });
  });

  it("names the stored and compared postal codes of a mismatch", () => {
    const explanation = explain({}, { billingPostalCode: "02135" });
    expect(explanation).toMatchObject({ eligible: false, reasonCode: "POSTAL_CODE_MISMATCH" });
    expect(explanation.postal).toEqual({
      country: "US",
      rule: "US_FIRST_5",
      countryStored: "US",
      storedRaw: "02134-1234",
      storedCompared: "02134",
      enteredRaw: "02135",
      enteredCompared: "02135",
      matches: false,
    });
    expect(check(explanation, "POSTAL_CODE_MATCHES")).toEqual({
      rule: "POSTAL_CODE_MATCHES",
      status: "FAILED",
      decisive: true,
      detail:
        'billing country US, the first 5 letters and digits compared; stored postal code "02134-1234" compares as "02134"; entered "02135" compares as "02135"; they differ',
    });
  });

  it("says how the stored country was read", () => {
    const canadian = { ...contract, billingPostalCode: "k1a 0b1", billingCountry: "Canada" };
    expect(
      check(explain({ contract: canadian }, { billingPostalCode: "K1A0B1" }), "POSTAL_CODE_MATCHES")
        .detail,
    ).toBe(
      'billing country CA (stored as "Canada"), the first 6 letters and digits compared; stored postal code "k1a 0b1" compares as "K1A0B1"; entered "K1A0B1" compares as "K1A0B1"; they match',
    );
    const british = {
      ...contract,
      billingPostalCode: "SW1A 1AA",
      billingCountry: "United Kingdom",
    };
    expect(
      check(explain({ contract: british }, { billingPostalCode: "SW1A" }), "POSTAL_CODE_MATCHES")
        .detail,
    ).toMatch(
      /^billing country "United Kingdom", neither US nor Canada, so all letters and digits/,
    );
  });

  it("says a contract without a billing postal code matches nothing", () => {
    const explanation = explain({ contract: { ...contract, billingPostalCode: null } });
    expect(check(explanation, "POSTAL_CODE_MATCHES")).toMatchObject({
      status: "FAILED",
      decisive: true,
    });
    expect(check(explanation, "POSTAL_CODE_MATCHES").detail).toContain(
      "no billing postal code on file, which matches nothing",
    );
  });

  it("shows a contract id stored in another spelling with the key it is compared as", () => {
    const spelled = { ...contract, id: "hx-1 " };
    expect(check(explain({ contract: spelled }), "CONTRACT_FOUND").detail).toBe(
      "contract hx-1  (compared as HX-1) is on file, for customer C-1",
    );
  });

  it("lists a customer proved twice by the same record once", () => {
    const twice: EmailRecordFacts = {
      source: "LOCATION",
      sourceId: "L-1",
      customerId: "C-1",
      billedCustomerIds: ["C-1", "C-1"],
    };
    expect(explain({ emailRecords: [twice, twice] }).onFile).toHaveLength(1);
  });
});

// Small id pools, so that random records and contracts often refer to the same customers.
const customerId = fc.constantFrom("C-1", "C-2", "C-3");
const recordId = fc.constantFrom("X-1", "X-2", "X-3");
const emailRecord: fc.Arbitrary<EmailRecordFacts> = fc.oneof(
  fc.record({
    source: fc.constantFrom("CUSTOMER" as const, "CONTACT" as const),
    sourceId: recordId,
    customerId,
  }),
  fc.record({
    source: fc.constant("LOCATION" as const),
    sourceId: recordId,
    customerId,
    billedCustomerIds: fc.array(customerId, { maxLength: 3 }),
  }),
);
const postalCode = fc.oneof(
  fc.constantFrom("02134", "02134-1234", "02135", "K1A 0B1", "k1a0b1", "SW1A 1AA", " - "),
  fc.string({ maxLength: 12 }),
);
const contractFacts: fc.Arbitrary<ContractRecordFacts> = fc.record({
  id: fc.constantFrom("HX-1", "hx-1"),
  key: fc.constant("HX-1"),
  customerId,
  status: fc.constantFrom("BOOKED", "TERMINATED", "booked"),
  booked: fc.boolean(),
  closedAt: fc.option(fc.date({ noInvalidDate: true })),
  billingPostalCode: fc.option(postalCode),
  billingCountry: fc.option(
    fc.constantFrom("US", "usa", "CA", "Canada", "GB", "", "United States"),
  ),
});
const facts: fc.Arbitrary<ExplanationFacts> = fc.record({
  contract: fc.option(contractFacts),
  emailRecords: fc.array(emailRecord, { maxLength: 5 }),
});
/** Facts and an entry; half the time the entry is the stored postal code, so that some are eligible. */
const scenario: fc.Arbitrary<[ExplainedInput, ExplanationFacts]> = fc
  .tuple(facts, postalCode, fc.boolean())
  .map(([f, typed, copyStored]) => [
    {
      email: "someone@example.com",
      contractId: "HX-1",
      billingPostalCode: (copyStored ? f.contract?.billingPostalCode : null) ?? typed,
    },
    f,
  ]);

/** The owners as the eligibility query finds them, written out again here rather than reused. */
function ownersOf(records: readonly EmailRecordFacts[]): EmailOwnerFacts {
  return {
    customerIds: records.flatMap((r) => (r.source === "LOCATION" ? [] : [r.customerId])),
    billToCustomerIds: records.flatMap((r) => (r.source === "LOCATION" ? r.billedCustomerIds : [])),
  };
}

describe("explainEligibility properties", () => {
  it("always reaches decideEligibility's verdict, reason and customer", () => {
    fc.assert(
      fc.property(scenario, ([entered, f]) => {
        const explanation = explainEligibility(entered, f);
        const decision = decideEligibility({
          enteredPostalCode: entered.billingPostalCode,
          contract:
            f.contract === null
              ? null
              : {
                  customerId: f.contract.customerId,
                  booked: f.contract.booked,
                  postalCode: f.contract.billingPostalCode,
                  country: f.contract.billingCountry,
                },
          owners: ownersOf(f.emailRecords),
        });
        expect({
          eligible: explanation.eligible,
          reasonCode: explanation.reasonCode,
          customerId: explanation.customerId,
        }).toEqual(
          decision.eligible
            ? { eligible: true, reasonCode: null, customerId: decision.customerId }
            : { eligible: false, reasonCode: decision.reason, customerId: null },
        );
      }),
      { numRuns: 2000 },
    );
  });

  it("marks as decisive the first failed check, which is the rule of the reason code", () => {
    fc.assert(
      fc.property(scenario, ([entered, f]) => {
        const explanation = explainEligibility(entered, f);
        const firstFailed = explanation.checks.find((c) => c.status === "FAILED");
        const decisive = explanation.checks.filter((c) => c.decisive);
        if (explanation.reasonCode === null) {
          expect(explanation.checks.every((c) => c.status === "PASSED")).toBe(true);
          expect(decisive).toEqual([]);
        } else {
          expect(firstFailed?.rule).toBe(RULE_OF_REASON[explanation.reasonCode]);
          expect(decisive).toEqual([firstFailed]);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("checks the postal code whenever there is a contract, with the decision's comparison", () => {
    fc.assert(
      fc.property(scenario, ([entered, f]) => {
        const postalCheck = explainEligibility(entered, f).checks.at(-1);
        expect(postalCheck?.rule).toBe("POSTAL_CODE_MATCHES");
        const expected =
          f.contract === null
            ? "NOT_CHECKED"
            : postalCodesMatch(
                  entered.billingPostalCode,
                  f.contract.billingPostalCode,
                  f.contract.billingCountry,
                )
              ? "PASSED"
              : "FAILED";
        expect(postalCheck?.status).toBe(expected);
      }),
    );
  });
});
