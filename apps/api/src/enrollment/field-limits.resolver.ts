import { ENROLLMENT_FIELDS, FIELD_MAX_LENGTH } from "@portal/matching";
import { Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import { SelfEnrollField } from "./enrollment.types";

@ObjectType({ description: "The longest value the API accepts for one SelfEnrollInput field." })
export class FieldLimit {
  @Field(() => SelfEnrollField, { description: "The input field." })
  field!: SelfEnrollField;

  @Field(() => Int, { description: "Maximum length in characters, after trimming." })
  maxLength!: number;
}

const FIELD_LIMITS: FieldLimit[] = ENROLLMENT_FIELDS.map((field) =>
  Object.assign(new FieldLimit(), { field, maxLength: FIELD_MAX_LENGTH[field] }),
);

@Resolver()
export class FieldLimitsResolver {
  @Query(() => [FieldLimit], {
    description:
      "Length limits of the enrollment form, so a client can mirror the server's format checks.",
  })
  enrollmentFieldLimits(): FieldLimit[] {
    return FIELD_LIMITS;
  }
}
