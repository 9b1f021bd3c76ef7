import { createUnionType, Field, InputType, ObjectType } from "type-graphql";
import { Viewer } from "../contracts/viewer.types";
import { RateLimited } from "../graphql/rate-limited.types";

@InputType({ description: "Credentials typed on the sign-in page." })
export class SignInInput {
  @Field({ description: "The email address the account was registered with." })
  email!: string;

  @Field({ description: "The account's password." })
  password!: string;
}

@ObjectType({ description: "Signed in: the session cookie is set." })
export class SignedIn {
  @Field(() => Viewer, { description: "The signed-in account." })
  user!: Viewer;
}

@ObjectType({
  description:
    "Not signed in. One answer for an unknown email, a wrong password or an account whose email is not verified yet.",
})
export class SignInFailed {
  @Field({ description: "Text to show." })
  message!: string;
}

@ObjectType({ description: "The session has ended (or there was none) and the cookie is cleared." })
export class SignedOut {
  @Field({ description: "Text to show." })
  message!: string;
}

export const SignInResult = createUnionType({
  name: "SignInResult",
  description: "Outcome of signIn.",
  types: () => [SignedIn, SignInFailed, RateLimited] as const,
});
