import { STORED_LENGTH, type TokenProblem } from "@portal/matching";
import type { AuditLog } from "../audit/audit-log";
import { storableEmail } from "../db/storable-text";
import type { PrismaClient } from "../generated/prisma/client";
import type { Logger } from "../logging/logger";
import { retryDelayMs } from "../mail/mail.worker";
import { NO_EVENTS, type PortalEvents } from "../metrics/portal-events";
import { type RequestContext, clientKey } from "../request/request-context";
import type { SessionService, SessionUser } from "../sessions/session.service";
import type { ThrottleGuard, ThrottleRefusal } from "../throttle/throttle-guard";
import type { ThrottleKey } from "../throttle/throttles";
import { hashPassword } from "../credentials/password.hasher";
import { type PasswordProblem, checkPassword } from "../credentials/password.policy";
import { AccessGrantRepository } from "./access-grant.repository";
import type { AccountMailer } from "./account-mailer";
import type { AccountTokenRepository, TokenPurpose } from "./account-token.repository";
import type {
  MailRequest,
  MailRequestKind,
  MailRequestRepository,
} from "./mail-request.repository";
import type { PortalUserRepository } from "./portal-user.repository";

/**
 * Tries of one request for an account email before it is dropped, and the wait between them (doubling,
 * jittered): about a minute of failures in all, longer than a failover takes.
 */
const MAIL_REQUEST_ATTEMPTS = 8;
const MAIL_REQUEST_RETRY_MS = { base: 500, max: 30_000 };

/** What setting a password with an emailed link came to. */
export type SetPasswordOutcome =
  | { kind: "done"; user: SessionUser }
  | { kind: "token-rejected"; problem: TokenProblem }
  | { kind: "password-rejected"; problems: PasswordProblem[] }
  | { kind: "throttled"; refusal: ThrottleRefusal };

/** What a request for an account email came to: the same answer whatever the address. */
export type MailRequestOutcome =
  { kind: "accepted" } | { kind: "throttled"; refusal: ThrottleRefusal };

/** Completing enrollment, resetting passwords and re-sending links. */
export class AccountService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly tokens: AccountTokenRepository,
    private readonly mailer: AccountMailer,
    private readonly sessions: SessionService,
    private readonly mailQueued: () => void,
    private readonly throttle: ThrottleGuard,
    private readonly audit: AuditLog,
    private readonly mailRequests: MailRequestRepository,
    private readonly users: PortalUserRepository,
    private readonly events: PortalEvents = NO_EVENTS,
    // Stateless; a default so the composition root need not change.
    private readonly grants = new AccessGrantRepository(),
  ) {}

  /** Verifies the email with the link's token, sets the password and signs in. */
  completeEnrollment(
    input: { token: string; password: string },
    request: RequestContext,
  ): Promise<SetPasswordOutcome> {
    return this.setPasswordWithToken(input, "VERIFY_EMAIL", request);
  }

  /** Sets a new password with a reset link's token, ends every other session and signs in. */
  resetPassword(
    input: { token: string; password: string },
    request: RequestContext,
  ): Promise<SetPasswordOutcome> {
    return this.setPasswordWithToken(input, "RESET_PASSWORD", request);
  }

  /**
   * Checks the token without using it, then the password (a refused password leaves the link usable),
   * then uses the token atomically while setting the password, so a link works exactly once.
   */
  private async setPasswordWithToken(
    input: { token: string; password: string },
    purpose: TokenPurpose,
    request: RequestContext,
  ): Promise<SetPasswordOutcome> {
    const eventType = purpose === "VERIFY_EMAIL" ? "ENROLLMENT_COMPLETED" : "PASSWORD_RESET";
    // Tokens carry 256 bits, so guessing is hopeless; the limit keeps a guessing client from costing anything.
    // Only unknown tokens count: the attempt is kept for those and given back for every other answer.
    const keys: ThrottleKey[] = [
      { throttle: "RATE_LIMIT_TOKEN_IP", value: clientKey(request.meta) },
    ];
    const admission = await this.throttle.admit({ audit: eventType }, keys, request);
    if (!admission.admitted) return { kind: "throttled", refusal: admission.refusal };
    const check = await this.tokens.check(input.token, purpose).catch(async (error: unknown) => {
      await admission.reservation.fail();
      throw error;
    });
    if (!check.ok && check.problem === "INVALID") await admission.reservation.fail();
    else await admission.reservation.release();
    if (!check.ok) {
      await this.audit.record(
        { eventType, outcome: "REJECTED", reason: check.problem },
        request.meta,
      );
      return { kind: "token-rejected", problem: check.problem };
    }
    const user = await this.users.findById(check.userId);

    const problems = checkPassword(input.password, [user.email, user.firstName, user.lastName]);
    if (problems.length > 0) return { kind: "password-rejected", problems };
    const passwordHash = await hashPassword(input.password);
    const session = await this.prisma.$transaction(async (tx) => {
      const userId = await this.tokens.consume(tx, input.token, purpose);
      if (userId === null) return null;
      // Deactivated meanwhile: the link is spent, the account stays as staff left it.
      if (!(await this.users.activate(tx, userId, passwordHash, user.verifiedAt ?? new Date())))
        return null;
      // Active now: the customers' other users may be told about this account's access.
      await this.grants.releaseNotices(tx, userId);
      // A reset ends every session, in case the old password was known to someone else.
      await this.sessions.endAllFor(tx, userId);
      // And the address is told, in case it was not the owner who used the link.
      if (purpose === "RESET_PASSWORD")
        await this.mailer.sendPasswordChanged(tx, {
          ...user,
          language: request.language ?? user.language,
        });
      return this.sessions.create(tx, userId);
    });
    if (session === null) return { kind: "token-rejected", problem: "USED" };
    // The account is active now: the notices of its grants (and a password-changed mail) go out.
    this.mailQueued();
    await this.users.recordSignIn(user.id, request.language);
    if (purpose === "VERIFY_EMAIL") this.events.enrollmentCompleted();
    await this.audit.record(
      { eventType, outcome: "SUCCESS", email: user.email, userId: user.id },
      request.meta,
    );
    request.cookies.set(session.token, session.expiresAt);
    request.log.info({ userId: user.id, purpose }, "password set with emailed link");
    return {
      kind: "done",
      user: { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName },
    };
  }

  /**
   * Pending account: a new verification link. Active account: the "you already have an account" email.
   * The answer comes before anyone looks for the account (see `queueMailRequest`).
   */
  requestVerificationEmail(email: string, request: RequestContext): Promise<MailRequestOutcome> {
    return this.queueMailRequest("VERIFICATION_EMAIL", email, request);
  }

  /** Active account: a reset link. Pending account: a new verification link (it has no password to reset). */
  requestPasswordReset(email: string, request: RequestContext): Promise<MailRequestOutcome> {
    return this.queueMailRequest("PASSWORD_RESET", email, request);
  }

  /**
   * Every request counts (not only failures): each may send an email to someone's inbox. The request
   * does the same work whatever the address: it only queues the request. Looking for the account,
   * issuing a link and composing the mail happen in the mail worker (`handleMailRequests`), so the
   * response time does not tell an address with an account from one without (measured in
   * docs/abuse-resistance.md).
   */
  private async queueMailRequest(
    kind: MailRequestKind,
    email: string,
    request: RequestContext,
  ): Promise<MailRequestOutcome> {
    const eventType =
      kind === "VERIFICATION_EMAIL" ? "VERIFICATION_EMAIL_REQUESTED" : "PASSWORD_RESET_REQUESTED";
    const normalized = storableEmail(email);
    const keys: ThrottleKey[] = [
      { throttle: "RATE_LIMIT_MAIL_EMAIL", value: normalized },
      { throttle: "RATE_LIMIT_MAIL_IP", value: clientKey(request.meta) },
    ];
    const admission = await this.throttle.admit(
      { audit: eventType, email: normalized },
      keys,
      request,
    );
    if (!admission.admitted) return { kind: "throttled", refusal: admission.refusal };
    await admission.reservation.fail();
    await this.audit.record({ eventType, outcome: "ACCEPTED", email: normalized }, request.meta);
    if (email.length <= STORED_LENGTH.email) {
      await this.mailRequests.add(kind, normalized);
      this.mailQueued();
    }
    return { kind: "accepted" };
  }

  /**
   * Turns waiting mail requests into mail, each in its own transaction (taken, link issued, mail
   * queued, all or nothing). Returns how many were handled. Run by the mail worker before each pass.
   */
  async handleMailRequests(max: number, log: Logger): Promise<number> {
    let handled = 0;
    while (handled < max) {
      let current: MailRequest | null = null;
      try {
        const done = await this.prisma.$transaction(async (tx) => {
          current = await this.mailRequests.take(tx);
          if (!current) return false;
          const user = await this.users.findByEmail(current.email, tx);
          // Unknown or deactivated: nothing is sent (the answer was the same for every address).
          if (!user || user.status === "INACTIVE") return true;
          if (user.status !== "ACTIVE") await this.mailer.sendVerification(tx, user);
          else if (current.kind === "PASSWORD_RESET") await this.mailer.sendPasswordReset(tx, user);
          else await this.mailer.sendAccountExists(tx, user);
          return true;
        });
        if (!done) break;
      } catch (error) {
        // Not taken at all: the database is not answering, and the worker's next pass tries again.
        const failed = current as MailRequest | null;
        if (failed === null) throw error;
        await this.retryOrDrop(failed, error, log);
      }
      handled++;
    }
    return handled;
  }

  /**
   * A request taken but not handled (rolled back, so it is waiting again): most often its connection
   * broke, so it is tried again a little later, a few times. One that still fails is dropped and
   * counted, so it does not hold the others up; the person can ask again. If the database does not
   * answer even for that, the error ends the pass and the request, untouched, waits for the next one.
   */
  private async retryOrDrop(failed: MailRequest, error: unknown, log: Logger): Promise<void> {
    const attempt = failed.attempts + 1;
    const context = { err: error, mailRequestId: failed.id, kind: failed.kind, attempt };
    if (attempt < MAIL_REQUEST_ATTEMPTS) {
      const retryInMs = retryDelayMs(
        attempt,
        MAIL_REQUEST_RETRY_MS.base,
        MAIL_REQUEST_RETRY_MS.max,
      );
      await this.mailRequests.retryLater(failed.id, retryInMs);
      log.warn({ ...context, retryInMs }, "mail request could not be handled; will retry");
      return;
    }
    if (await this.mailRequests.drop(failed.id)) this.events.mailRequestDropped(failed.kind);
    log.error(context, "mail request could not be handled after its last try; dropped");
  }
}
