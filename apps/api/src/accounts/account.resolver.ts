import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/context";
import { AccountService } from "./account.service";
import {
  CompleteEnrollmentResult,
  EmailInput,
  EmailRequestResult,
  ResetPasswordResult,
  TokenPasswordInput,
} from "./account.types";

@Resolver()
export class AccountResolver {
  constructor(private readonly accounts: AccountService) {}

  @Mutation(() => CompleteEnrollmentResult, {
    description:
      "Finishes enrollment with the link from the verification email: verifies the email, sets the password and signs in. Opening the link only shows the page; this mutation is what uses it.",
  })
  completeEnrollment(
    @Arg("input", () => TokenPasswordInput, { description: "Token from the link and the chosen password." }) input: TokenPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.accounts.completeEnrollment(input, ctx);
  }

  @Mutation(() => ResetPasswordResult, {
    description: "Sets a new password with the link from a password-reset email, ends other sessions and signs in.",
  })
  resetPassword(
    @Arg("input", () => TokenPasswordInput, { description: "Token from the link and the new password." }) input: TokenPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.accounts.resetPassword(input, ctx);
  }

  @Mutation(() => EmailRequestResult, {
    description: "Sends a new verification link (earlier ones stop working). Same answer whether or not the address is enrolled.",
  })
  requestVerificationEmail(
    @Arg("input", () => EmailInput, { description: "Where to send it." }) input: EmailInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.accounts.requestVerificationEmail(input.email, ctx);
  }

  @Mutation(() => EmailRequestResult, {
    description: "Sends a password-reset link. Same answer whether or not the address has an account.",
  })
  requestPasswordReset(
    @Arg("input", () => EmailInput, { description: "Where to send it." }) input: EmailInput,
    @Ctx() ctx: GraphQLContext,
  ) {
    return this.accounts.requestPasswordReset(input.email, ctx);
  }
}
