import {
  type NormalizedEnrollmentInput,
  decideEligibility,
  normalizeEmail,
  normalizeEnrollmentInput,
  validateEnrollmentInput,
} from "@portal/matching";
import type { AccountMailer } from "../accounts/account-mailer";
import type { PrismaClient } from "../generated/prisma/client";
import type { RequestMeta } from "../audit/request-meta";
import type { Logger } from "../logging/logger";
import { type RateLimited, rateLimited } from "../throttle/rate-limited.types";
import type { ThrottleGuard, ThrottleRefusal } from "../throttle/throttle-guard";
import type { ThrottleKey } from "../throttle/throttles";
import type { EligibilityRepository } from "./eligibility.repository";
import type { AttemptRecord, EnrollmentRepository } from "./enrollment.repository";
import type { SelfEnrollInput } from "./enrollment.input";
import {
  INPUT_INVALID_MESSAGE,
  fieldErrorMessage,
  startedMessage,
} from "./enrollment.messages";
import {
  EnrollmentRejected,
  EnrollmentStarted,
  FieldError,
  type FieldErrorCode,
  InputInvalid,
  type SelfEnrollField,
} from "./enrollment.types";

export interface RequestInfo {
  meta: RequestMeta;
  log: Logger;
}

export type SelfEnrollOutcome = EnrollmentStarted | EnrollmentRejected | InputInvalid | RateLimited;

export class EnrollmentService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly eligibility: EligibilityRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly mailer: AccountMailer,
    private readonly mailQueued: () => void,
    /** The operator's rejection text (English; the web app shows it in the reader's language). */
    private readonly rejectionMessage: string,
    private readonly throttle: ThrottleGuard,
  ) {}

  async selfEnroll(input: SelfEnrollInput, request: RequestInfo): Promise<SelfEnrollOutcome> {
    const problems = validateEnrollmentInput(input);
    if (problems.length > 0) {
      await this.enrollments.logAttempt({
        ...request.meta,
        email: typeof input.email === "string" ? normalizeEmail(input.email) : null,
        contractId: typeof input.contractId === "string" ? input.contractId.trim() : null,
        outcome: "INVALID",
        reasonCode: `INPUT_INVALID:${problems.map((p) => `${p.field}.${p.code}`).join(",")}`,
      });
      return Object.assign(new InputInvalid(), {
        message: INPUT_INVALID_MESSAGE,
        fieldErrors: problems.map((p) =>
          Object.assign(new FieldError(), {
            field: p.field as SelfEnrollField,
            code: p.code as FieldErrorCode,
            message: fieldErrorMessage(p.field as SelfEnrollField, p.code),
          }),
        ),
      });
    }

    const entered = normalizeEnrollmentInput(input);
    const attempt = { ...request.meta, email: entered.email, contractId: entered.contractId };
    // Limits count failures per contract, email, client and customer, so a ZIP cannot be guessed by
    // spreading tries over contracts, addresses or networks. An attempt is taken on each key before
    // any servicing data is read (so a burst cannot slip past the count), and given back on success.
    const keys: ThrottleKey[] = [
      { throttle: "RATE_LIMIT_ENROLL_CONTRACT", value: entered.contractId },
      { throttle: "RATE_LIMIT_ENROLL_EMAIL", value: entered.email },
      { throttle: "RATE_LIMIT_ENROLL_IP", value: request.meta.ipHash ?? "unknown" },
    ];
    const admission = await this.throttle.admit("selfEnroll", keys, request.log);
    if (!admission.admitted) return this.refuse(admission.refusal, attempt);
    // Settled on every path below: a request that ends in an error keeps its attempts (fails closed).
    const tickets = [admission.ticket];
    const settle = (how: "fail" | "release") => Promise.all(tickets.map((t) => t[how]()));
    try {
      const facts = await this.eligibility.findFacts(entered.email, entered.contractId);
      const customerKeys: ThrottleKey[] = [
        ...new Set([facts.contract?.customerId, ...facts.owners.customerIds, ...facts.owners.billToCustomerIds]),
      ]
        .filter((id): id is string => typeof id === "string")
        .map((id) => ({ throttle: "RATE_LIMIT_ENROLL_CUSTOMER", value: id }));
      const forCustomers = await this.throttle.admit("selfEnroll", customerKeys, request.log);
      if (!forCustomers.admitted) {
        // Not judged: the attempts on contract, email and client are given back.
        await settle("release");
        return await this.refuse(forCustomers.refusal, attempt);
      }
      tickets.push(forCustomers.ticket);

      const decision = decideEligibility({ enteredPostalCode: entered.billingPostalCode, ...facts });

      if (!decision.eligible) {
        await settle("fail");
        await this.enrollments.logAttempt({
          ...attempt,
          outcome: "REJECTED",
          reasonCode: decision.reason,
          customerId: facts.contract?.customerId ?? null,
        });
        request.log.info({ outcome: "rejected", reason: decision.reason }, "self-enrollment rejected");
        return Object.assign(new EnrollmentRejected(), { code: "NOT_ELIGIBLE", message: this.rejectionMessage });
      }

      // Account, grant, mail and log commit together: mail is never sent for an enrollment that failed,
      // and an enrollment never waits for (or fails with) the mail server. A first enrollment (the
      // common case) is one statement; an address that already has an account takes the transaction.
      const started = { ...attempt, outcome: "STARTED" as const, customerId: decision.customerId };
      const newAccountId = await this.enrollments.createAccount({
        person: entered,
        access: { customerId: decision.customerId, contractId: entered.contractId },
        verification: this.mailer.composeVerification(entered),
        attempt: { ...started, reasonCode: "ELIGIBLE" },
      });
      if (newAccountId === null) await this.enrollExisting(entered, decision.customerId, started, request);
      await settle("release");
      this.mailQueued();
      request.log.info({ outcome: "started", newAccount: newAccountId !== null }, "self-enrollment started");
      return Object.assign(new EnrollmentStarted(), { email: entered.email, message: startedMessage(entered.email) });
    } catch (error) {
      await settle("fail");
      throw error;
    }
  }

  /** A repeat enrollment: the grant is added and the owner mailed, within the per-address mail limit. */
  private async enrollExisting(
    entered: NormalizedEnrollmentInput,
    customerId: string,
    started: Omit<AttemptRecord, "reasonCode">,
    request: RequestInfo,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const user = await this.enrollments.findOrCreatePending(tx, entered);
      await this.enrollments.grantAccess(tx, user.id, customerId, entered.contractId);
      // Repeat enrollments of an existing account share the per-address mail limit, so knowing the
      // details is not enough to flood the owner's inbox. The answer stays the same either way.
      const mailKeys: ThrottleKey[] = [{ throttle: "RATE_LIMIT_MAIL_EMAIL", value: user.email }];
      const mail = user.created ? null : await this.throttle.admit("selfEnroll.mail", mailKeys, request.log);
      // Every mail counts: the attempt is kept.
      if (mail?.admitted) await mail.ticket.fail();
      const mailAllowed = mail === null || mail.admitted;
      if (!mailAllowed) request.log.warn({ userId: user.id }, "enrollment mail to an existing account skipped: mail limit reached");
      else if (user.status === "ACTIVE") await this.mailer.sendAccountExists(tx, user);
      else await this.mailer.sendVerification(tx, user);
      await this.enrollments.logAttempt({ ...started, reasonCode: user.created ? "ELIGIBLE" : "ALREADY_ENROLLED", userId: user.id }, tx);
    });
  }

  private async refuse(refusal: ThrottleRefusal, attempt: { email: string; contractId: string } & RequestMeta): Promise<RateLimited> {
    await this.enrollments.logAttempt({ ...attempt, outcome: "REJECTED", reasonCode: `RATE_LIMITED:${refusal.reason}` });
    return rateLimited(refusal);
  }
}
