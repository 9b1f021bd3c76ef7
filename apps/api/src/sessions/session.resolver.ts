import { storableEmail } from "../db/storable-text";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { AuditLog } from "../audit/audit-log";
import { type RateLimited, rateLimited } from "../throttle/rate-limited.types";
import type { ThrottleGuard } from "../throttle/throttle-guard";
import type { ThrottleKey } from "../throttle/throttles";
import { SIGN_IN_FAILED_MESSAGE, SIGNED_OUT_MESSAGE } from "../accounts/account.messages";
import { Viewer } from "../contracts/viewer.types";
import type { GraphQLContext } from "../graphql/context";
import { SessionService } from "./session.service";
import { SignedIn, SignedOut, SignInFailed, SignInInput, SignInResult } from "./session.types";

@Resolver()
export class SessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly throttle: ThrottleGuard,
    private readonly audit: AuditLog,
  ) {}

  @Mutation(() => SignInResult, { description: "Signs in with email and password; sets an httpOnly session cookie." })
  async signIn(
    @Arg("input", () => SignInInput, { description: "Email and password." }) input: SignInInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<SignedIn | SignInFailed | RateLimited> {
    const email = storableEmail(input.email);
    const keys: ThrottleKey[] = [
      { throttle: "RATE_LIMIT_SIGNIN_EMAIL", value: email },
      { throttle: "RATE_LIMIT_SIGNIN_IP", value: ctx.meta.ipHash ?? "unknown" },
    ];
    // An attempt is taken before the password is checked (argon2 takes tens of milliseconds: a burst
    // must not all be checked against a count none of them has added to yet); a success gives it back.
    const admission = await this.throttle.admit("signIn", keys, ctx.log);
    if (!admission.admitted) {
      await this.audit.record({ eventType: "THROTTLED", outcome: "SIGN_IN", reason: admission.refusal.reason, email }, ctx.meta);
      return rateLimited(admission.refusal);
    }
    const user = await this.sessions.verifyCredentials(input.email, input.password).catch(async (error: unknown) => {
      await admission.ticket.fail();
      throw error;
    });
    if (!user) {
      await admission.ticket.fail();
      await this.audit.record({ eventType: "SIGN_IN", outcome: "FAILED", email }, ctx.meta);
      ctx.log.info({ outcome: "failed" }, "sign-in");
      return Object.assign(new SignInFailed(), { message: SIGN_IN_FAILED_MESSAGE });
    }
    await admission.ticket.release();
    await this.audit.record({ eventType: "SIGN_IN", outcome: "SUCCESS", email, userId: user.id }, ctx.meta);
    const session = await this.sessions.create(undefined, user.id);
    ctx.cookies.set(session.token, session.expiresAt);
    ctx.log.info({ outcome: "signed in", userId: user.id }, "sign-in");
    return Object.assign(new SignedIn(), { user: Object.assign(new Viewer(), user) });
  }

  @Mutation(() => SignedOut, { description: "Ends the current session on the server and clears the cookie." })
  async signOut(@Ctx() ctx: GraphQLContext): Promise<SignedOut> {
    const user = await ctx.currentUser();
    await this.sessions.end(ctx.cookies.read());
    ctx.cookies.clear();
    if (user) await this.audit.record({ eventType: "SIGN_OUT", outcome: "SUCCESS", userId: user.id }, ctx.meta);
    return Object.assign(new SignedOut(), { message: SIGNED_OUT_MESSAGE });
  }
}
