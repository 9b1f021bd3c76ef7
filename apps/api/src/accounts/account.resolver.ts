import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { Viewer } from "../contracts/viewer.types";
import type { GraphQLContext } from "../graphql/context";
import { rateLimited } from "../graphql/rate-limited.types";
import * as messages from "./account.messages";
import type { AccountService, MailRequestOutcome, SetPasswordOutcome } from "./account.service";
import {
  CompleteEnrollmentResult,
  EmailInput,
  EmailRequestAccepted,
  EmailRequestResult,
  EnrollmentCompleted,
  PasswordProblem,
  PasswordRejected,
  PasswordResetCompleted,
  ResetPasswordResult,
  TokenPasswordInput,
  TokenRejected,
} from "./account.types";

/** The answer to a refused link, a refused password or a limit; null when the password was set. */
function notDone(
  outcome: SetPasswordOutcome,
): TokenRejected | PasswordRejected | ReturnType<typeof rateLimited> | null {
  switch (outcome.kind) {
    case "token-rejected":
      return Object.assign(new TokenRejected(), {
        code: outcome.problem,
        message: messages.TOKEN_MESSAGES[outcome.problem],
      });
    case "password-rejected":
      return Object.assign(new PasswordRejected(), {
        message: messages.PASSWORD_REJECTED_MESSAGE,
        problems: outcome.problems.map((p) => Object.assign(new PasswordProblem(), p)),
      });
    case "throttled":
      return rateLimited(outcome.refusal);
    case "done":
      return null;
  }
}

function emailRequestAnswer(
  outcome: MailRequestOutcome,
  message: string,
): typeof EmailRequestResult {
  return outcome.kind === "throttled"
    ? rateLimited(outcome.refusal)
    : Object.assign(new EmailRequestAccepted(), { message });
}

@Resolver()
export class AccountResolver {
  constructor(private readonly accounts: AccountService) {}

  @Mutation(() => CompleteEnrollmentResult, {
    description:
      "Finishes enrollment with the link from the verification email: verifies the email, sets the password and signs in. Opening the link only shows the page; this mutation is what uses it.",
  })
  async completeEnrollment(
    @Arg("input", () => TokenPasswordInput, {
      description: "Token from the link and the chosen password.",
    })
    input: TokenPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<typeof CompleteEnrollmentResult> {
    const outcome = await this.accounts.completeEnrollment(input, ctx.request);
    return outcome.kind === "done"
      ? Object.assign(new EnrollmentCompleted(), {
          message: messages.ENROLLMENT_COMPLETED_MESSAGE,
          user: Object.assign(new Viewer(), outcome.user),
        })
      : notDone(outcome)!;
  }

  @Mutation(() => ResetPasswordResult, {
    description:
      "Sets a new password with the link from a password-reset email, ends other sessions and signs in.",
  })
  async resetPassword(
    @Arg("input", () => TokenPasswordInput, {
      description: "Token from the link and the new password.",
    })
    input: TokenPasswordInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<typeof ResetPasswordResult> {
    const outcome = await this.accounts.resetPassword(input, ctx.request);
    return outcome.kind === "done"
      ? Object.assign(new PasswordResetCompleted(), {
          message: messages.PASSWORD_RESET_MESSAGE,
          user: Object.assign(new Viewer(), outcome.user),
        })
      : notDone(outcome)!;
  }

  @Mutation(() => EmailRequestResult, {
    description:
      "Sends a new verification link (earlier ones stop working). Same answer whether or not the address is enrolled.",
  })
  async requestVerificationEmail(
    @Arg("input", () => EmailInput, { description: "Where to send it." }) input: EmailInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<typeof EmailRequestResult> {
    return emailRequestAnswer(
      await this.accounts.requestVerificationEmail(input.email, ctx.request),
      messages.VERIFICATION_REQUESTED_MESSAGE,
    );
  }

  @Mutation(() => EmailRequestResult, {
    description:
      "Sends a password-reset link. Same answer whether or not the address has an account.",
  })
  async requestPasswordReset(
    @Arg("input", () => EmailInput, { description: "Where to send it." }) input: EmailInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<typeof EmailRequestResult> {
    return emailRequestAnswer(
      await this.accounts.requestPasswordReset(input.email, ctx.request),
      messages.RESET_REQUESTED_MESSAGE,
    );
  }
}
