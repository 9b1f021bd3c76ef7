import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({ description: "Billing address of a contract, as the servicing system holds it." })
export class BillingAddress {
  @Field(() => String, { nullable: true, description: "Street line." })
  line1!: string | null;

  @Field(() => String, { nullable: true, description: "City." })
  city!: string | null;

  @Field(() => String, { nullable: true, description: "State, province or region." })
  region!: string | null;

  @Field(() => String, { nullable: true, description: "Postal or ZIP code." })
  postalCode!: string | null;

  @Field(() => String, { nullable: true, description: "Country, as stored (code or name)." })
  country!: string | null;
}

@ObjectType({ description: "A booked contract the signed-in account may see." })
export class PortalContract {
  @Field({ description: "Contract (lease or loan) number." })
  contractId!: string;

  @Field({ description: "Name of the customer the contract belongs to." })
  customerName!: string;

  @Field(() => BillingAddress, {
    nullable: true,
    description: "Contract-level billing address, when one is on file.",
  })
  billingAddress!: BillingAddress | null;
}

@ObjectType({
  description:
    "A contract the portal saw booked and that is no longer booked (terminated, paid off…) in the servicing system.",
})
export class ClosedContract {
  @Field({ description: "Contract (lease or loan) number." })
  contractId!: string;

  @Field({ description: "Name of the customer the contract belongs to." })
  customerName!: string;

  @Field({
    description:
      "When the portal first saw the contract no longer booked: the time of the servicing import that brought the change.",
  })
  closedOn!: Date;
}

@ObjectType({ description: "The signed-in account." })
export class Viewer {
  @Field(() => ID, { description: "Account id." })
  id!: string;

  @Field({ description: "Email address the account signs in with." })
  email!: string;

  @Field({ description: "Given name." })
  firstName!: string;

  @Field({ description: "Family name." })
  lastName!: string;
}
