import {
  PASSWORD_LENGTH,
  PASSWORD_PROBLEMS,
  type PasswordProblemCode as PasswordProblemCodeValue,
  TOKEN_PROBLEMS,
  type TokenProblem as TokenProblemValue,
  enumOf,
} from "@portal/matching";
import { createUnionType, Field, InputType, ObjectType, registerEnumType } from "type-graphql";
import { Viewer } from "../contracts/viewer.types";
import { RateLimited } from "../graphql/rate-limited.types";

/** Codes declared in packages/matching (policy.ts). */
export const TokenProblem = enumOf(TOKEN_PROBLEMS);
export type TokenProblem = TokenProblemValue;
registerEnumType(TokenProblem, {
  name: "TokenProblem",
  description: "Why an emailed link cannot be used.",
  valuesConfig: {
    INVALID: { description: "No such link (mistyped or cut off)." },
    EXPIRED: { description: "The link is past its expiry time." },
    USED: { description: "The link was already used." },
    SUPERSEDED: { description: "A newer link was sent since; only the newest works." },
  },
});

export const PasswordProblemCode = enumOf(PASSWORD_PROBLEMS);
export type PasswordProblemCode = PasswordProblemCodeValue;
registerEnumType(PasswordProblemCode, {
  name: "PasswordProblemCode",
  description: `Why a password was refused (length ${PASSWORD_LENGTH.min}–${PASSWORD_LENGTH.max}, and not common or easy to guess).`,
  valuesConfig: {
    TOO_SHORT: { description: `Fewer than ${PASSWORD_LENGTH.min} characters.` },
    TOO_LONG: { description: `More than ${PASSWORD_LENGTH.max} characters.` },
    TOO_GUESSABLE: { description: "Common, breached-style or built from personal details." },
  },
});

@InputType({ description: "The token from the emailed link and the password the person chose." })
export class TokenPasswordInput {
  @Field({ description: "Value of the `token` query parameter of the emailed link." })
  token!: string;

  @Field({
    description: `The new password: ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max} characters, any characters, not easy to guess.`,
  })
  password!: string;
}

@InputType({ description: "An email address to send a new link to." })
export class EmailInput {
  @Field({ description: "The email address the account was registered with." })
  email!: string;
}

@ObjectType({ description: "One reason a password was refused." })
export class PasswordProblem {
  @Field(() => PasswordProblemCode, { description: "Stable code." })
  code!: PasswordProblemCode;

  @Field({ description: "Explanation with advice, safe to show under the password field." })
  message!: string;
}

@ObjectType({ description: "The emailed link cannot be used; nothing changed." })
export class TokenRejected {
  @Field(() => TokenProblem, { description: "Why the link cannot be used." })
  code!: TokenProblem;

  @Field({ description: "Text to show, with what to do next." })
  message!: string;
}

@ObjectType({ description: "The password does not meet the policy; the link is still usable." })
export class PasswordRejected {
  @Field({ description: "Summary text to show." })
  message!: string;

  @Field(() => [PasswordProblem], { description: "What is wrong with the password." })
  problems!: PasswordProblem[];
}

@ObjectType({
  description:
    "The email is verified, the password set and the person signed in (session cookie set).",
})
export class EnrollmentCompleted {
  @Field({ description: "Text to show." })
  message!: string;

  @Field(() => Viewer, { description: "The now active account." })
  user!: Viewer;
}

@ObjectType({
  description: "The password was changed, every other session ended and the person signed in.",
})
export class PasswordResetCompleted {
  @Field({ description: "Text to show." })
  message!: string;

  @Field(() => Viewer, { description: "The account." })
  user!: Viewer;
}

@ObjectType({
  description:
    "The request was taken. Always the same answer, so it never reveals whether the address has an account.",
})
export class EmailRequestAccepted {
  @Field({ description: "Text to show." })
  message!: string;
}

export const CompleteEnrollmentResult = createUnionType({
  name: "CompleteEnrollmentResult",
  description: "Outcome of completeEnrollment.",
  types: () => [EnrollmentCompleted, TokenRejected, PasswordRejected, RateLimited] as const,
});

export const ResetPasswordResult = createUnionType({
  name: "ResetPasswordResult",
  description: "Outcome of resetPassword.",
  types: () => [PasswordResetCompleted, TokenRejected, PasswordRejected, RateLimited] as const,
});

export const EmailRequestResult = createUnionType({
  name: "EmailRequestResult",
  description: "Outcome of requestVerificationEmail and requestPasswordReset.",
  types: () => [EmailRequestAccepted, RateLimited] as const,
});
