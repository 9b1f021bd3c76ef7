import { Field, InputType } from "type-graphql";

@InputType({ description: "What a visitor types into the Register Here form." })
export class SelfEnrollInput {
  @Field({
    description:
      "Given name of the person enrolling. Required; not checked against servicing data.",
  })
  firstName!: string;

  @Field({
    description:
      "Family name of the person enrolling. Required; not checked against servicing data.",
  })
  lastName!: string;

  @Field({
    description:
      "One email address the lessor has on file: the customer's, one of its contacts', or the bill-to address of one of its contracts (the one invoices or statements go to).",
  })
  email!: string;

  @Field({
    description:
      "Postal code of the contract's billing address. Spaces, dashes and case do not matter; for US addresses the 5-digit ZIP is enough, for Canada the full A1A 1A1 code.",
  })
  billingPostalCode!: string;

  @Field({
    description:
      "Contract (lease or loan) number as printed on invoices and statements. Case does not matter.",
  })
  contractId!: string;
}
