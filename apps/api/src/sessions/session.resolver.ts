import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import { SIGN_IN_FAILED_MESSAGE, SIGNED_OUT_MESSAGE } from "../accounts/account.messages";
import { Viewer } from "../contracts/viewer.types";
import type { GraphQLContext } from "../graphql/context";
import { SessionService } from "./session.service";
import { SignedIn, SignedOut, SignInFailed, SignInInput, SignInResult } from "./session.types";

@Resolver()
export class SessionResolver {
  constructor(private readonly sessions: SessionService) {}

  @Mutation(() => SignInResult, { description: "Signs in with email and password; sets an httpOnly session cookie." })
  async signIn(
    @Arg("input", () => SignInInput, { description: "Email and password." }) input: SignInInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SignedIn | SignInFailed> {
    const user = await this.sessions.verifyCredentials(input.email, input.password);
    if (!user) {
      ctx.log.info({ outcome: "failed" }, "sign-in");
      return Object.assign(new SignInFailed(), { message: SIGN_IN_FAILED_MESSAGE });
    }
    const session = await this.sessions.create(undefined, user.id);
    ctx.cookies.set(session.token, session.expiresAt);
    ctx.log.info({ outcome: "signed in", userId: user.id }, "sign-in");
    return Object.assign(new SignedIn(), { user: Object.assign(new Viewer(), user) });
  }

  @Mutation(() => SignedOut, { description: "Ends the current session on the server and clears the cookie." })
  async signOut(@Ctx() ctx: GraphQLContext): Promise<SignedOut> {
    await this.sessions.end(ctx.cookies.read());
    ctx.cookies.clear();
    return Object.assign(new SignedOut(), { message: SIGNED_OUT_MESSAGE });
  }
}
