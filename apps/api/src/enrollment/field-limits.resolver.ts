import { LIMITS } from "@portal/matching";
import { Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { SelfEnrollField } from "./enrollment.types";

@ObjectType({ description: "The longest value the API accepts for one SelfEnrollInput field." })
export class FieldLimit {
  @Field(() => SelfEnrollField, { description: "The input field." })
  field!: SelfEnrollField;

  @Field(() => Int, { description: "Maximum length in characters, after trimming." })
  maxLength!: number;
}

const FIELD_LIMITS: FieldLimit[] = [
  { field: SelfEnrollField.firstName, maxLength: LIMITS.name },
  { field: SelfEnrollField.lastName, maxLength: LIMITS.name },
  { field: SelfEnrollField.email, maxLength: LIMITS.email },
  { field: SelfEnrollField.billingPostalCode, maxLength: LIMITS.postalCode },
  { field: SelfEnrollField.contractId, maxLength: LIMITS.contractId },
];

@Resolver()
export class FieldLimitsResolver {
  @Query(() => [FieldLimit], {
    description: "Length limits of the enrollment form, so a client can mirror the server's format checks.",
  })
  enrollmentFieldLimits(): FieldLimit[] {
    return FIELD_LIMITS;
  }
}
