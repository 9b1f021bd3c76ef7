import type { AuditLog } from "../audit/audit-log";
import { storableEmail } from "../db/storable-text";
import { type RequestContext, clientKey } from "../request/request-context";
import type { ThrottleGuard, ThrottleRefusal } from "../throttle/throttle-guard";
import { signInKeys } from "../throttle/sign-in.keys";
import type { SessionService, SessionUser } from "./session.service";

/** What a sign-in came to. */
export type SignInOutcome =
  | { kind: "signed-in"; user: SessionUser }
  | { kind: "failed" }
  | { kind: "throttled"; refusal: ThrottleRefusal };

/** Signing in and out: throttles, the password check, the session and its cookie, the audit trail. */
export class SignInService {
  constructor(
    private readonly sessions: SessionService,
    private readonly throttle: ThrottleGuard,
    private readonly audit: AuditLog,
    /** Notes the sign-in on the account (its owner is in accounts/, above this module). */
    private readonly recordSignIn: (
      userId: string,
      language: "en" | "fr-CA" | null,
    ) => Promise<void> = () => Promise.resolve(),
  ) {}

  async signIn(
    input: { email: string; password: string },
    request: RequestContext,
  ): Promise<SignInOutcome> {
    const email = storableEmail(input.email);
    // A browser that signed in to this account before is counted on its device token, not on the
    // address others can fill (sign-in.keys.ts).
    const device = request.device?.trustedFor(email) ?? null;
    const keys = signInKeys("customer", email, clientKey(request.meta), device);
    // An attempt is taken before the password is checked (argon2 takes tens of milliseconds: a burst
    // must not all be checked against a count none of them has added to yet); a success gives it back.
    const admission = await this.throttle.admit({ audit: "SIGN_IN", email }, keys, request);
    if (!admission.admitted) return { kind: "throttled", refusal: admission.refusal };
    const user = await this.sessions
      .verifyCredentials(input.email, input.password)
      .catch(async (error: unknown) => {
        await admission.reservation.fail();
        throw error;
      });
    if (!user) {
      await admission.reservation.fail();
      await this.audit.record({ eventType: "SIGN_IN", outcome: "FAILED", email }, request.meta);
      request.log.info({ outcome: "failed" }, "sign-in");
      return { kind: "failed" };
    }
    await admission.reservation.release();
    await this.audit.record(
      { eventType: "SIGN_IN", outcome: "SUCCESS", email, userId: user.id },
      request.meta,
    );
    const session = await this.sessions.create(undefined, user.id);
    await this.recordSignIn(user.id, request.language ?? null);
    request.cookies.set(session.token, session.expiresAt);
    request.device?.issue(email);
    request.log.info({ outcome: "signed in", userId: user.id }, "sign-in");
    return { kind: "signed-in", user };
  }

  /** Ends the session of the cookie (if any) on the server and clears the cookie. */
  async signOut(user: SessionUser | null, request: RequestContext): Promise<void> {
    await this.sessions.end(request.cookies.read());
    request.cookies.clear();
    if (user)
      await this.audit.record(
        { eventType: "SIGN_OUT", outcome: "SUCCESS", userId: user.id },
        request.meta,
      );
  }
}
