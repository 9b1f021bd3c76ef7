import type { AuditLog } from "../audit/audit-log";
import { storableEmail } from "../db/storable-text";
import type { Logger } from "../logging/logger";
import type { PrismaClient } from "../generated/prisma/client";
import { type RateLimited, rateLimited } from "../throttle/rate-limited.types";
import type { ThrottleGuard } from "../throttle/throttle-guard";
import type { ThrottleKey } from "../throttle/throttles";
import type { GraphQLContext } from "../graphql/context";
import { Viewer } from "../contracts/viewer.types";
import type { SessionService } from "../sessions/session.service";
import type { AccountMailer } from "./account-mailer";
import * as messages from "./account.messages";
import type { AccountTokenRepository, TokenPurpose } from "./account-token.repository";
import type { MailRequest, MailRequestKind, MailRequestRepository } from "./mail-request.repository";
import {
  EmailRequestAccepted,
  EnrollmentCompleted,
  PasswordProblem,
  type PasswordProblemCode,
  PasswordRejected,
  PasswordResetCompleted,
  type TokenPasswordInput,
  TokenProblem,
  TokenRejected,
} from "./account.types";
import { hashPassword } from "./password.hasher";
import { checkPassword } from "./password.policy";

const tokenRejected = (code: TokenProblem) => Object.assign(new TokenRejected(), { code, message: messages.TOKEN_MESSAGES[code] });

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
  ) {}

  completeEnrollment(input: TokenPasswordInput, ctx: GraphQLContext) {
    return this.setPasswordWithToken(input, "VERIFY_EMAIL", ctx, (user) =>
      Object.assign(new EnrollmentCompleted(), { message: messages.ENROLLMENT_COMPLETED_MESSAGE, user }),
    );
  }

  resetPassword(input: TokenPasswordInput, ctx: GraphQLContext) {
    return this.setPasswordWithToken(input, "RESET_PASSWORD", ctx, (user) =>
      Object.assign(new PasswordResetCompleted(), { message: messages.PASSWORD_RESET_MESSAGE, user }),
    );
  }

  /**
   * Checks the token without using it, then the password (a refused password leaves the link usable),
   * then uses the token atomically while setting the password, so a link works exactly once.
   */
  private async setPasswordWithToken<T>(
    input: TokenPasswordInput,
    purpose: TokenPurpose,
    ctx: GraphQLContext,
    success: (user: Viewer) => T,
  ): Promise<T | TokenRejected | PasswordRejected | RateLimited> {
    const eventType = purpose === "VERIFY_EMAIL" ? "ENROLLMENT_COMPLETED" : "PASSWORD_RESET";
    // Tokens carry 256 bits, so guessing is hopeless; the limit keeps a guessing client from costing anything.
    // Only unknown tokens count: the attempt is kept for those and given back for every other answer.
    const keys: ThrottleKey[] = [{ throttle: "RATE_LIMIT_TOKEN_IP", value: ctx.meta.ipHash ?? "unknown" }];
    const admission = await this.throttle.admit(eventType, keys, ctx.log);
    if (!admission.admitted) {
      await this.audit.record({ eventType: "THROTTLED", outcome: eventType, reason: admission.refusal.reason }, ctx.meta);
      return rateLimited(admission.refusal);
    }
    const check = await this.tokens.check(input.token, purpose).catch(async (error: unknown) => {
      await admission.ticket.fail();
      throw error;
    });
    if (!check.ok && check.problem === "INVALID") await admission.ticket.fail();
    else await admission.ticket.release();
    if (!check.ok) {
      await this.audit.record({ eventType: "TOKEN_REJECTED", outcome: purpose, reason: check.problem }, ctx.meta);
      return tokenRejected(TokenProblem[check.problem]);
    }
    const user = await this.prisma.portalUser.findUniqueOrThrow({ where: { id: check.userId } });

    const problems = checkPassword(input.password, [user.email, user.firstName, user.lastName]);
    if (problems.length > 0) {
      return Object.assign(new PasswordRejected(), {
        message: messages.PASSWORD_REJECTED_MESSAGE,
        problems: problems.map((p) => Object.assign(new PasswordProblem(), { code: p.code as PasswordProblemCode, message: p.message })),
      });
    }
    const passwordHash = await hashPassword(input.password);
    const session = await this.prisma.$transaction(async (tx) => {
      const userId = await this.tokens.consume(tx, input.token, purpose);
      if (userId === null) return null;
      await tx.portalUser.update({
        where: { id: userId },
        data: { passwordHash, status: "ACTIVE", verifiedAt: user.verifiedAt ?? new Date() },
      });
      // A reset ends every session, in case the old password was known to someone else.
      await this.sessions.endAllFor(tx, userId);
      return this.sessions.create(tx, userId);
    });
    if (session === null) return tokenRejected(TokenProblem.USED);
    await this.audit.record({ eventType, outcome: "SUCCESS", email: user.email, userId: user.id }, ctx.meta);
    ctx.cookies.set(session.token, session.expiresAt);
    ctx.log.info({ userId: user.id, purpose }, "password set with emailed link");
    return success(Object.assign(new Viewer(), { id: user.id, email: user.email, firstName: user.firstName, lastName: user.lastName }));
  }

  /**
   * Pending account: a new verification link. Active account: the "you already have an account" email.
   * The answer comes before anyone looks for the account (see `queueMailRequest`).
   */
  async requestVerificationEmail(email: string, ctx: GraphQLContext): Promise<EmailRequestAccepted | RateLimited> {
    const limited = await this.countMailRequest(email, "VERIFICATION_EMAIL_REQUESTED", ctx);
    if (limited) return limited;
    await this.queueMailRequest("VERIFICATION_EMAIL", email);
    return Object.assign(new EmailRequestAccepted(), { message: messages.VERIFICATION_REQUESTED_MESSAGE });
  }

  /** Active account: a reset link. Pending account: a new verification link (it has no password to reset). */
  async requestPasswordReset(email: string, ctx: GraphQLContext): Promise<EmailRequestAccepted | RateLimited> {
    const limited = await this.countMailRequest(email, "PASSWORD_RESET_REQUESTED", ctx);
    if (limited) return limited;
    await this.queueMailRequest("PASSWORD_RESET", email);
    return Object.assign(new EmailRequestAccepted(), { message: messages.RESET_REQUESTED_MESSAGE });
  }

  /**
   * The request does the same work whatever the address: it only queues the request. Looking for
   * the account, issuing a link and composing the mail happen in the mail worker
   * (`handleMailRequests`), so the response time does not tell an address with an account from
   * one without (measured in docs/abuse-resistance.md).
   */
  private async queueMailRequest(kind: MailRequestKind, email: string): Promise<void> {
    if (email.length > 320) return;
    await this.mailRequests.add(kind, storableEmail(email));
    this.mailQueued();
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
          const user = await tx.portalUser.findUnique({ where: { email: current.email } });
          if (!user) return true;
          if (user.status !== "ACTIVE") await this.mailer.sendVerification(tx, user);
          else if (current.kind === "PASSWORD_RESET") await this.mailer.sendPasswordReset(tx, user);
          else await this.mailer.sendAccountExists(tx, user);
          return true;
        });
        if (!done) break;
      } catch (error) {
        // Taken but not handled (rolled back, so it is waiting again): dropped, so one request that
        // cannot be handled does not stop the others; the person can ask again. Not taken at all:
        // the database is not answering, and the worker's next pass tries again.
        const failed = current as MailRequest | null;
        if (failed === null) throw error;
        log.error({ err: error, mailRequestId: failed.id, kind: failed.kind }, "mail request could not be handled; dropped");
        await this.mailRequests.drop(failed.id);
      }
      handled++;
    }
    return handled;
  }

  /** Every request counts (not only failures): each may send an email to someone's inbox. */
  private async countMailRequest(
    email: string,
    eventType: "VERIFICATION_EMAIL_REQUESTED" | "PASSWORD_RESET_REQUESTED",
    ctx: GraphQLContext,
  ): Promise<RateLimited | null> {
    const normalized = storableEmail(email);
    const keys: ThrottleKey[] = [
      { throttle: "RATE_LIMIT_MAIL_EMAIL", value: normalized },
      { throttle: "RATE_LIMIT_MAIL_IP", value: ctx.meta.ipHash ?? "unknown" },
    ];
    const admission = await this.throttle.admit(eventType, keys, ctx.log);
    if (admission.admitted) await admission.ticket.fail();
    await this.audit.record(
      admission.admitted
        ? { eventType, outcome: "ACCEPTED", email: normalized }
        : { eventType: "THROTTLED", outcome: eventType, reason: admission.refusal.reason, email: normalized },
      ctx.meta,
    );
    return admission.admitted ? null : rateLimited(admission.refusal);
  }

}
