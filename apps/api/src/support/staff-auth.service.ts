import { PASSWORD_LENGTH, type TokenProblem } from "@portal/matching";
import type { AuditLog } from "../audit/audit-log";
import type { Config } from "../config/config";
import { hashPassword, verifyPassword } from "../credentials/password.hasher";
import { type PasswordProblem, checkPassword } from "../credentials/password.policy";
import { storableEmail } from "../db/storable-text";
import type { PrismaClient } from "../generated/prisma/client";
import type { Logger } from "../logging/logger";
import {
  type DeviceCookie,
  type RequestContext,
  type RequestMeta,
  clientKey,
} from "../request/request-context";
import { signInKeys } from "../throttle/sign-in.keys";
import type { ThrottleGuard, ThrottleRefusal } from "../throttle/throttle-guard";
import type { ThrottleKey } from "../throttle/throttles";
import type { SecretBox } from "./secret-box";
import type { StaffSessionRepository } from "./staff-session.repository";
import type { StaffMember, StaffRepository } from "./staff.repository";
import { checkTotp, newTotpSecret, totpUri } from "./totp";

export type StaffSetupOutcome =
  | { kind: "completed"; totpUri: string }
  | { kind: "token-rejected"; problem: TokenProblem }
  | { kind: "password-rejected"; problems: PasswordProblem[] }
  | { kind: "throttled"; refusal: ThrottleRefusal };

export type StaffSignInOutcome =
  | { kind: "signed-in"; staff: StaffMember }
  | { kind: "failed" }
  | { kind: "throttled"; refusal: ThrottleRefusal };

/** The staff cookie, as the HTTP layer implements it (its own name, Path=/support, SameSite=Strict). */
export interface StaffCookie {
  read(): string | undefined;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface StaffRequest {
  meta: RequestMeta;
  log: RequestContext["log"];
  cookie: StaffCookie;
  /** The console's device cookie (Path=/support); absent where there is no browser. */
  device?: DeviceCookie;
}

/**
 * Staff accounts: set-up from an invitation (password and authenticator), sign-in with
 * password and a TOTP code, sign-out. Always two factors: there is no way in with a password alone.
 */
export class StaffAuthService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly staff: StaffRepository,
    private readonly sessions: StaffSessionRepository,
    private readonly box: SecretBox,
    private readonly throttle: ThrottleGuard,
    private readonly audit: AuditLog,
    private readonly config: Pick<Config, "branding">,
    private readonly log: Logger,
  ) {}

  /** The invitation's link: password (the customers' policy) and a new authenticator secret. */
  async completeInvite(
    input: { token: string; password: string },
    request: StaffRequest,
  ): Promise<StaffSetupOutcome> {
    const keys: ThrottleKey[] = [
      { throttle: "RATE_LIMIT_TOKEN_IP", value: `staff:${clientKey(request.meta)}` },
    ];
    const admission = await this.throttle.admit({ audit: "STAFF_SETUP" }, keys, request);
    if (!admission.admitted) return { kind: "throttled", refusal: admission.refusal };
    const check = await this.staff.checkInvite(input.token);
    if (!check.ok && check.problem === "INVALID") await admission.reservation.fail();
    else await admission.reservation.release();
    if (!check.ok) {
      await this.audit.record(
        { eventType: "STAFF_SETUP", outcome: "REJECTED", reason: check.problem },
        request.meta,
      );
      return { kind: "token-rejected", problem: check.problem };
    }
    const problems = checkPassword(input.password, [check.staff.email]);
    if (problems.length > 0) return { kind: "password-rejected", problems };
    const secret = newTotpSecret();
    const passwordHash = await hashPassword(input.password);
    const staffUserId = await this.prisma.$transaction((tx) =>
      this.staff.completeInvite(tx, input.token, {
        passwordHash,
        sealedTotpSecret: this.box.seal(secret, check.staff.id),
      }),
    );
    if (staffUserId === null) return { kind: "token-rejected", problem: "USED" };
    await this.audit.record(
      { eventType: "STAFF_SETUP", outcome: "SUCCESS", email: check.staff.email, staffUserId },
      request.meta,
    );
    request.log.info({ staffUserId }, "staff account set up");
    return {
      kind: "completed",
      totpUri: totpUri(`${this.config.branding.portalName} support`, check.staff.email, secret),
    };
  }

  /**
   * Email, password and a TOTP code, throttled like customer sign-in (on keys of their own). Every
   * failure looks the same: unknown address, wrong password, wrong or replayed code.
   */
  async signIn(
    input: { email: string; password: string; code: string },
    request: StaffRequest,
  ): Promise<StaffSignInOutcome> {
    const email = storableEmail(input.email);
    // A browser that signed in to this account before is counted on its device token; others per
    // address and network (strict) and per address alone (looser), so a stranger who knows a staff
    // address cannot lock its owner out (sign-in.keys.ts). The code makes guessing hopeless anyway.
    const device = request.device?.trustedFor(email) ?? null;
    const keys = signInKeys("staff", email, clientKey(request.meta), device);
    const admission = await this.throttle.admit({ audit: "STAFF_SIGN_IN", email }, keys, request);
    if (!admission.admitted) return { kind: "throttled", refusal: admission.refusal };
    const staff = await this.verify(email, input.password, input.code).catch(
      async (error: unknown) => {
        await admission.reservation.fail();
        throw error;
      },
    );
    if (!staff) {
      await admission.reservation.fail();
      await this.audit.record(
        { eventType: "STAFF_SIGN_IN", outcome: "FAILED", email },
        request.meta,
      );
      return { kind: "failed" };
    }
    await admission.reservation.release();
    const session = await this.sessions.create(staff.id);
    request.cookie.set(session.token, session.expiresAt);
    request.device?.issue(email);
    await this.audit.record(
      { eventType: "STAFF_SIGN_IN", outcome: "SUCCESS", email, staffUserId: staff.id },
      request.meta,
    );
    request.log.info({ staffUserId: staff.id }, "staff signed in");
    return { kind: "signed-in", staff };
  }

  private async verify(email: string, password: string, code: string): Promise<StaffMember | null> {
    // Bounded before hashing, as for customers: a megabyte "password" must not cost a hash of it.
    if ([...password].length > PASSWORD_LENGTH.max || code.length > 32) return null;
    const found = await this.staff.findForSignIn(email);
    const usable = found?.activatedAt && found.totpSecret ? found : null;
    // Unknown and not-set-up addresses spend the same hashing time as a wrong password.
    if (!(await verifyPassword(usable?.passwordHash ?? null, password)) || !usable) return null;
    const lastStep = usable.totpLastStep === null ? null : Number(usable.totpLastStep);
    let secret: string;
    try {
      secret = this.box.open(usable.totpSecret!, usable.id);
    } catch (error) {
      // Sealed under another STAFF_SECRET_KEY (or altered): the same answer as a wrong code, so the
      // password is not confirmed by a different one; the operator re-invites with --reset.
      this.log.error(
        { err: error, staffUserId: usable.id },
        "staff second factor cannot be opened",
      );
      return null;
    }
    const checked = checkTotp(secret, code.trim(), lastStep);
    if (!checked.ok || !(await this.staff.acceptStep(usable.id, checked.step))) return null;
    return { id: usable.id, email: usable.email, role: usable.role };
  }

  resolve(token: string | undefined): Promise<StaffMember | null> {
    return this.sessions.resolve(token);
  }

  async signOut(staff: StaffMember | null, request: StaffRequest): Promise<void> {
    await this.sessions.end(request.cookie.read());
    request.cookie.clear();
    if (staff)
      await this.audit.record(
        { eventType: "STAFF_SIGN_OUT", outcome: "SUCCESS", staffUserId: staff.id },
        request.meta,
      );
  }
}
