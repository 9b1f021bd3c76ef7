import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { Viewer } from "../contracts/viewer.types";
import type { GraphQLContext } from "../graphql/context";
import { rateLimited } from "../graphql/rate-limited.types";
import { SIGN_IN_FAILED_MESSAGE, SIGNED_OUT_MESSAGE } from "./session.messages";
import type { SignInService } from "./sign-in.service";
import { SignedIn, SignedOut, SignInFailed, SignInInput, SignInResult } from "./session.types";

@Resolver()
export class SessionResolver {
  constructor(private readonly signIns: SignInService) {}

  @Mutation(() => SignInResult, {
    description: "Signs in with email and password; sets an httpOnly session cookie.",
  })
  async signIn(
    @Arg("input", () => SignInInput, { description: "Email and password." }) input: SignInInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<typeof SignInResult> {
    const outcome = await this.signIns.signIn(input, ctx.request);
    switch (outcome.kind) {
      case "signed-in":
        return Object.assign(new SignedIn(), { user: Object.assign(new Viewer(), outcome.user) });
      case "failed":
        return Object.assign(new SignInFailed(), { message: SIGN_IN_FAILED_MESSAGE });
      case "throttled":
        return rateLimited(outcome.refusal);
    }
  }

  @Mutation(() => SignedOut, {
    description: "Ends the current session on the server and clears the cookie.",
  })
  async signOut(@Ctx() ctx: GraphQLContext): Promise<SignedOut> {
    await this.signIns.signOut(await ctx.currentUser(), ctx.request);
    return Object.assign(new SignedOut(), { message: SIGNED_OUT_MESSAGE });
  }
}
