import {
  type EnrollmentField,
  type Explanation,
  type FieldError,
  explainEligibility,
  normalizeEnrollmentInput,
  validateEnrollmentInput,
} from "@portal/matching";
import type { EligibilityExplainerRepository } from "./eligibility-explainer.repository";

/** What support staff type in: the three values selfEnroll checks against servicing data. */
export interface ExplainEligibilityInput {
  email: string;
  contractId: string;
  billingPostalCode: string;
}

/** An explanation, or the same field problems selfEnroll would answer InputInvalid with. */
export type ExplainOutcome = Explanation | { kind: "invalid"; problems: FieldError[] };

// The names are asked by the form but never checked against servicing data.
const EXPLAINED_FIELDS: readonly EnrollmentField[] = ["email", "billingPostalCode", "contractId"];

/**
 * The support desk's "why was this refused": selfEnroll's rules on the same data, with every check
 * and what is on file. Reads only: no account, no attempt log, no mail, no throttle (staff are not
 * guessing, and a lookup must not use up the caller's attempts).
 */
export class EligibilityExplainer {
  constructor(private readonly facts: EligibilityExplainerRepository) {}

  async explain(input: ExplainEligibilityInput): Promise<ExplainOutcome> {
    // selfEnroll's own validation and normalisation, so a value is read exactly as it would be there.
    const asEnrolling = { ...input, firstName: null, lastName: null };
    const problems = validateEnrollmentInput(asEnrolling).filter((p) =>
      EXPLAINED_FIELDS.includes(p.field),
    );
    if (problems.length > 0) return { kind: "invalid", problems };
    const { email, contractId, billingPostalCode } = normalizeEnrollmentInput(asEnrolling);
    const facts = await this.facts.findFacts(email, contractId);
    return explainEligibility({ email, contractId, billingPostalCode }, facts);
  }
}
