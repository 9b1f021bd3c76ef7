import { Field, InputType } from "type-graphql";

@InputType({ description: "The invitation link's token and the chosen password." })
export class StaffCompleteInviteInput {
  @Field({ description: "The token from the invitation link (`?token=`)." })
  token!: string;

  @Field({
    description: "New password: the customers' policy (at least 12 characters, not guessable).",
  })
  password!: string;
}

@InputType({ description: "Staff sign-in: always with a code from the authenticator app." })
export class StaffSignInInput {
  @Field({ description: "Staff email address." })
  email!: string;

  @Field({ description: "Password." })
  password!: string;

  @Field({ description: "The 6-digit code the authenticator app shows now." })
  code!: string;
}

@InputType({ description: "Whose enrollment attempts to forget: an address, a contract, or both." })
export class ClearEnrollmentThrottleInput {
  @Field(() => String, { nullable: true, description: "The address whose attempts are forgotten." })
  email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The contract whose attempts are forgotten.",
  })
  contractId?: string | null;
}
