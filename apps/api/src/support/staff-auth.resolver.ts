import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { PasswordProblem, PasswordRejected, TokenRejected } from "../accounts/account.types";
import { PASSWORD_REJECTED_MESSAGE } from "../accounts/account.messages";
import type { SupportContext } from "../graphql/support-context";
import { rateLimited } from "../graphql/rate-limited.types";
import type { StaffAuthService } from "./staff-auth.service";
import { StaffCompleteInviteInput, StaffSignInInput } from "./support.input";
import { STAFF_SIGN_IN_FAILED, STAFF_SIGNED_OUT, STAFF_TOKEN_MESSAGES } from "./support.messages";
import {
  StaffInviteCompleted,
  StaffInviteResult,
  StaffMember,
  StaffSignedIn,
  StaffSignedOut,
  StaffSignInFailed,
  StaffSignInResult,
} from "./support.types";

@Resolver()
export class StaffAuthResolver {
  constructor(private readonly auth: StaffAuthService) {}

  @Query(() => StaffMember, {
    nullable: true,
    description: "The member of staff signed in, or null without a staff session.",
  })
  async staffMe(@Ctx() ctx: SupportContext): Promise<StaffMember | null> {
    const staff = await ctx.currentStaff();
    return staff ? Object.assign(new StaffMember(), staff) : null;
  }

  @Mutation(() => StaffInviteResult, {
    description:
      "Accepts an invitation: sets the password and creates the authenticator secret (returned once, as an otpauth URI).",
  })
  async staffCompleteInvite(
    @Arg("input", () => StaffCompleteInviteInput, { description: "Token and new password." })
    input: StaffCompleteInviteInput,
    @Ctx() ctx: SupportContext,
  ): Promise<typeof StaffInviteResult> {
    const outcome = await this.auth.completeInvite(input, ctx.request);
    switch (outcome.kind) {
      case "completed":
        return Object.assign(new StaffInviteCompleted(), { totpUri: outcome.totpUri });
      case "token-rejected":
        return Object.assign(new TokenRejected(), {
          code: outcome.problem,
          message: STAFF_TOKEN_MESSAGES[outcome.problem],
        });
      case "password-rejected":
        return Object.assign(new PasswordRejected(), {
          message: PASSWORD_REJECTED_MESSAGE,
          problems: outcome.problems.map((p) => Object.assign(new PasswordProblem(), p)),
        });
      case "throttled":
        return rateLimited(outcome.refusal);
    }
  }

  @Mutation(() => StaffSignInResult, {
    description:
      "Signs in with email, password and a current authenticator code; sets the staff session cookie (Path=/support).",
  })
  async staffSignIn(
    @Arg("input", () => StaffSignInInput, { description: "Email, password and code." })
    input: StaffSignInInput,
    @Ctx() ctx: SupportContext,
  ): Promise<typeof StaffSignInResult> {
    const outcome = await this.auth.signIn(input, ctx.request);
    switch (outcome.kind) {
      case "signed-in":
        return Object.assign(new StaffSignedIn(), {
          staff: Object.assign(new StaffMember(), outcome.staff),
        });
      case "failed":
        return Object.assign(new StaffSignInFailed(), { message: STAFF_SIGN_IN_FAILED });
      case "throttled":
        return rateLimited(outcome.refusal);
    }
  }

  @Mutation(() => StaffSignedOut, { description: "Ends the staff session and clears its cookie." })
  async staffSignOut(@Ctx() ctx: SupportContext): Promise<StaffSignedOut> {
    await this.auth.signOut(await ctx.currentStaff(), ctx.request);
    return Object.assign(new StaffSignedOut(), { message: STAFF_SIGNED_OUT });
  }
}
