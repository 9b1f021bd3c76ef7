import {
  ENROLLMENT_FIELDS,
  type EnrollmentField,
  FIELD_ERROR_CODES,
  type FieldErrorCode as FieldErrorCodeValue,
  enumOf,
} from "@portal/matching";
import { createUnionType, Field, ObjectType, registerEnumType } from "type-graphql";
import { RateLimited } from "../graphql/rate-limited.types";

/** The form's fields and the format problems' codes, as declared in packages/matching (policy.ts). */
export const SelfEnrollField = enumOf(ENROLLMENT_FIELDS);
export type SelfEnrollField = EnrollmentField;
export const FieldErrorCode = enumOf(FIELD_ERROR_CODES);
export type FieldErrorCode = FieldErrorCodeValue;

registerEnumType(SelfEnrollField, {
  name: "SelfEnrollField",
  description: "A field of SelfEnrollInput, so a client can put an error next to its input.",
  valuesConfig: {
    firstName: { description: "SelfEnrollInput.firstName" },
    lastName: { description: "SelfEnrollInput.lastName" },
    email: { description: "SelfEnrollInput.email" },
    billingPostalCode: { description: "SelfEnrollInput.billingPostalCode" },
    contractId: { description: "SelfEnrollInput.contractId" },
  },
});

registerEnumType(FieldErrorCode, {
  name: "FieldErrorCode",
  description: "Why a value was refused before any servicing data was consulted.",
  valuesConfig: {
    REQUIRED: { description: "The value is missing or blank." },
    TOO_LONG: { description: "The value is longer than the field allows." },
    INVALID_EMAIL: { description: "The value is not exactly one email address." },
    INVALID_CHARACTERS: { description: "The value contains control characters." },
    INVALID_NAME: {
      description:
        "A name with characters a name does not need: only letters, spaces, apostrophes, hyphens and periods are accepted (no digits, symbols, invisible or direction-changing characters, or web addresses).",
    },
  },
});

@ObjectType({ description: "A format problem with one input field." })
export class FieldError {
  @Field(() => SelfEnrollField, { description: "The input field the problem is about." })
  field!: SelfEnrollField;

  @Field(() => FieldErrorCode, { description: "Stable machine-readable code of the problem." })
  code!: FieldErrorCode;

  @Field({ description: "Human-readable explanation, safe to show next to the field." })
  message!: string;
}

@ObjectType({
  description:
    "The details were accepted: an account pending verification exists for the email and a verification message is on its way. Also the answer when the email already has an account, so the answer never reveals whether an address is enrolled.",
})
export class EnrollmentStarted {
  @Field({ description: "The normalised email address the verification message is sent to." })
  email!: string;

  @Field({ description: "Text to show the person: what happens next." })
  message!: string;
}

@ObjectType({
  description:
    "The details do not match servicing data. Deliberately generic: it never says which detail did not match.",
})
export class EnrollmentRejected {
  @Field({ description: "Stable code for this outcome; always NOT_ELIGIBLE." })
  code!: string;

  @Field({ description: "Text to show the person, with hints on where to find each value." })
  message!: string;
}

@ObjectType({
  description:
    "Some values are not in an acceptable form; nothing was checked against servicing data.",
})
export class InputInvalid {
  @Field({ description: "Summary text to show above the form." })
  message!: string;

  @Field(() => [FieldError], { description: "One entry per field with a problem, in form order." })
  fieldErrors!: FieldError[];
}

export const SelfEnrollResult = createUnionType({
  name: "SelfEnrollResult",
  description:
    "Outcome of a self-enrollment attempt. Expected outcomes are data, not GraphQL errors.",
  types: () => [EnrollmentStarted, EnrollmentRejected, InputInvalid, RateLimited] as const,
});
