import { Field, ObjectType, registerEnumType } from "type-graphql";

export enum Language {
  EN = "en",
  FR_CA = "fr-CA",
}
registerEnumType(Language, {
  name: "Language",
  description: "Languages the portal speaks.",
  valuesConfig: {
    EN: { description: "English." },
    FR_CA: { description: "Canadian French (fr-CA)." },
  },
});

@ObjectType({
  description:
    "On-screen hint for each enrollment field: where to find the value and what form it takes.",
})
export class EnrollmentHints {
  @Field({ description: "Hint for the first name." })
  firstName!: string;

  @Field({ description: "Hint for the last name." })
  lastName!: string;

  @Field({ description: "Which email addresses work." })
  email!: string;

  @Field({ description: "Which postal code, and in what form." })
  billingPostalCode!: string;

  @Field({ description: "Where the contract number is printed." })
  contractId!: string;
}

@ObjectType({
  description: "Operator-editable texts of the portal (config/portal-copy.json), in one language.",
})
export class PortalCopy {
  @Field(() => Language, { description: "The language of these texts." })
  language!: Language;

  @Field({ description: "Name of the portal." })
  portalName!: string;

  @Field({ description: "Support email address." })
  supportEmail!: string;

  @Field(() => String, { nullable: true, description: "Support phone number, when configured." })
  supportPhone!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "When support is available, when configured.",
  })
  supportHours!: string | null;

  @Field({
    description:
      "Shown when enrollment details cannot be confirmed; never says which detail failed.",
  })
  rejectionMessage!: string;

  @Field(() => EnrollmentHints, { description: "On-screen hints of the enrollment form." })
  hints!: EnrollmentHints;
}
