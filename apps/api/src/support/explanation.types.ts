import { Field, InputType, ObjectType, createUnionType, registerEnumType } from "type-graphql";
import {
  type CheckStatus,
  type EligibilityRule,
  type EmailSource,
  type PostalRule,
  type RejectionReason,
  CHECK_STATUSES,
  ELIGIBILITY_RULES,
  EMAIL_SOURCES,
  REJECTION_REASONS,
  enumOf,
} from "@portal/matching";
import { InputInvalid } from "../enrollment/enrollment.types";

export const EligibilityRuleValue = enumOf(ELIGIBILITY_RULES);
registerEnumType(EligibilityRuleValue, {
  name: "EligibilityRule",
  description: "One rule of self-enrollment, in the order selfEnroll applies them.",
  valuesConfig: {
    EMAIL_ON_FILE: {
      description:
        "The address is on file: a customer's, a contact's, or a bill-to location's email.",
    },
    CONTRACT_FOUND: { description: "The contract id names a contract in the servicing data." },
    CONTRACT_BOOKED: { description: "The contract is booked." },
    CONTRACT_OF_EMAIL_CUSTOMER: {
      description: "The contract belongs to a customer the address points to.",
    },
    POSTAL_CODE_MATCHES: { description: "The postal code matches the contract's billing address." },
  },
});

export const CheckStatusValue = enumOf(CHECK_STATUSES);
registerEnumType(CheckStatusValue, {
  name: "CheckStatus",
  description: "How a rule came out.",
  valuesConfig: {
    PASSED: { description: "The rule holds." },
    FAILED: { description: "The rule does not hold." },
    NOT_CHECKED: { description: "It could not be checked (e.g. no contract to compare with)." },
  },
});

export const EmailSourceValue = enumOf(EMAIL_SOURCES);
registerEnumType(EmailSourceValue, {
  name: "EmailSource",
  description: "Which servicing record holds an address.",
  valuesConfig: {
    CUSTOMER: { description: "The customer's own email." },
    CONTACT: { description: "A contact of the customer." },
    LOCATION: { description: "A bill-to location on the customer's contracts." },
  },
});

export const RejectionReasonValue = enumOf(REJECTION_REASONS);
registerEnumType(RejectionReasonValue, {
  name: "RejectionReason",
  description: "The internal reason a self-enrollment is refused (never shown to the visitor).",
  valuesConfig: {
    EMAIL_NOT_ON_FILE: { description: "The address is nowhere on file." },
    CONTRACT_NOT_FOUND: { description: "No contract has this id." },
    CONTRACT_NOT_BOOKED: { description: "The contract is not booked (or was closed)." },
    CONTRACT_OF_OTHER_CUSTOMER: {
      description: "The contract belongs to a customer the address does not point to.",
    },
    POSTAL_CODE_MISMATCH: {
      description: "The postal code differs from the contract's billing address.",
    },
  },
});

@InputType({ description: "What the caller says they typed into the Register Here form." })
export class ExplainEligibilityInput {
  @Field({ description: "The email address." })
  email!: string;

  @Field({ description: "The contract id." })
  contractId!: string;

  @Field({ description: "The billing postal code." })
  billingPostalCode!: string;
}

@ObjectType({
  description: "One rule's result, with what is on file, in words for the support desk.",
})
export class EligibilityCheck {
  @Field(() => EligibilityRuleValue, { description: "The rule." })
  rule!: EligibilityRule;

  @Field(() => CheckStatusValue, { description: "How it came out." })
  status!: CheckStatus;

  @Field({ description: "True for the rule that decided the refusal (the first that failed)." })
  decisive!: boolean;

  @Field({ description: "What is on file and how it compares, in a sentence." })
  detail!: string;
}

@ObjectType({ description: "A servicing record that holds the address." })
export class EmailOnFile {
  @Field({ description: "The customer the address points to for enrollment." })
  customerId!: string;

  @Field(() => EmailSourceValue, { description: "Which kind of record." })
  source!: EmailSource;

  @Field({ description: "The record's id (customer, contact or location id)." })
  sourceId!: string;

  @Field({
    description:
      "The customer whose record lists the address (differs for a location billed to another customer).",
  })
  recordCustomerId!: string;
}

@ObjectType({ description: "The contract as the servicing data holds it." })
export class ContractOnFile {
  @Field({ description: "Servicing contract id." })
  id!: string;

  @Field({ description: "The contract id as compared (trimmed, upper case)." })
  key!: string;

  @Field({ description: "Its customer." })
  customerId!: string;

  @Field({ description: "Servicing status, as exported." })
  status!: string;

  @Field({ description: "Whether it counts as booked." })
  booked!: boolean;

  @Field(() => Date, {
    nullable: true,
    description: "When an import found it closed; null while booked.",
  })
  closedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Billing postal code as stored." })
  billingPostalCode!: string | null;

  @Field(() => String, { nullable: true, description: "Billing country as stored." })
  billingCountry!: string | null;
}

@ObjectType({ description: "How the entered postal code compares with the stored one." })
export class PostalComparison {
  @Field({ description: "Recognised country: US, CA or OTHER." })
  country!: string;

  @Field(() => String, { description: "The comparison rule: US_FIRST_5, CA_FIRST_6 or WHOLE." })
  rule!: PostalRule;

  @Field(() => String, { nullable: true, description: "The country as stored on the contract." })
  countryStored!: string | null;

  @Field(() => String, { nullable: true, description: "Stored postal code, as stored." })
  storedRaw!: string | null;

  @Field({ description: "Stored postal code as compared." })
  storedCompared!: string;

  @Field({ description: "Entered postal code, as entered." })
  enteredRaw!: string;

  @Field({ description: "Entered postal code as compared." })
  enteredCompared!: string;

  @Field({ description: "Whether they match." })
  matches!: boolean;
}

@ObjectType({
  description:
    "selfEnroll's verdict on these details, every rule's result and what is on file. Nothing was written and no mail sent.",
})
export class EligibilityExplanation {
  @Field({ description: "Whether selfEnroll would start an enrollment." })
  eligible!: boolean;

  @Field(() => RejectionReasonValue, {
    nullable: true,
    description: "The internal reason; null when eligible.",
  })
  reasonCode!: RejectionReason | null;

  @Field(() => String, {
    nullable: true,
    description: "The customer access would be granted to; null unless eligible.",
  })
  customerId!: string | null;

  @Field(() => [EligibilityCheck], { description: "Every rule, in selfEnroll's order." })
  checks!: EligibilityCheck[];

  @Field(() => [EmailOnFile], { description: "Every record that holds the address." })
  onFile!: EmailOnFile[];

  @Field(() => ContractOnFile, {
    nullable: true,
    description: "The contract; null when none has this id.",
  })
  contract!: ContractOnFile | null;

  @Field(() => PostalComparison, {
    nullable: true,
    description: "The postal code comparison; null without a contract.",
  })
  postal!: PostalComparison | null;
}

export const ExplainEligibilityResult = createUnionType({
  name: "ExplainEligibilityResult",
  description: "The answer to explainEligibility.",
  types: () => [EligibilityExplanation, InputInvalid] as const,
});
