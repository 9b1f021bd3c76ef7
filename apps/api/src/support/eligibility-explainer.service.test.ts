import type { ExplanationFacts } from "@portal/matching";
import type { EligibilityExplainerRepository } from "./eligibility-explainer.repository";
import { EligibilityExplainer } from "./eligibility-explainer.service";

const NOTHING_ON_FILE: ExplanationFacts = { contract: null, emailRecords: [] };

function explainerReading(facts: ExplanationFacts) {
  const lookups: [string, string][] = [];
  const repository = {
    findFacts: (email: string, contractKey: string) => {
      lookups.push([email, contractKey]);
      return Promise.resolve(facts);
    },
  } as unknown as EligibilityExplainerRepository;
  return { explainer: new EligibilityExplainer(repository), lookups };
}

describe("EligibilityExplainer", () => {
  it("looks up the email and contract id as selfEnroll normalises them", async () => {
    const { explainer, lookups } = explainerReading(NOTHING_ON_FILE);
    const outcome = await explainer.explain({
      email: "  Owner@Example.COM ",
      contractId: " hx-1 ",
      billingPostalCode: " 02134 ",
    });
    expect(lookups).toEqual([["owner@example.com", "HX-1"]]);
    expect(outcome).toMatchObject({ kind: "explained", reasonCode: "EMAIL_NOT_ON_FILE" });
  });

  it("refuses malformed input with selfEnroll's field errors, without asking for names or reading data", async () => {
    const { explainer, lookups } = explainerReading(NOTHING_ON_FILE);
    const outcome = await explainer.explain({
      email: "a@x.example; b@y.example",
      contractId: "HX-1",
      billingPostalCode: "x".repeat(21),
    });
    expect(outcome).toEqual({
      kind: "invalid",
      problems: [
        { field: "email", code: "INVALID_EMAIL" },
        { field: "billingPostalCode", code: "TOO_LONG" },
      ],
    });
    expect(lookups).toEqual([]);
  });
});
