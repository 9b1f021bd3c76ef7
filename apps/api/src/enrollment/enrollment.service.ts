import {
  type EnrollmentInput,
  type FieldError,
  type NormalizedEnrollmentInput,
  decideEligibility,
  normalizeEmail,
  normalizeEnrollmentInput,
  validateEnrollmentInput,
} from "@portal/matching";
import type { AccessGrantRepository } from "../accounts/access-grant.repository";
import type { AccountMailer } from "../accounts/account-mailer";
import type { PortalUserRepository } from "../accounts/portal-user.repository";
import type { PrismaClient } from "../generated/prisma/client";
import { NO_EVENTS, type PortalEvents } from "../metrics/portal-events";
import { type RequestContext, type RequestMeta, clientKey } from "../request/request-context";
import type { ThrottleGuard, ThrottleRefusal } from "../throttle/throttle-guard";
import type { ThrottleKey } from "../throttle/throttles";
import type { EligibilityRepository } from "./eligibility.repository";
import type { AttemptRecord, EnrollmentRepository } from "./enrollment.repository";

/** What a self-enrollment came to. The resolver turns it into the GraphQL answer and its texts. */
export type SelfEnrollOutcome =
  | { kind: "started"; email: string }
  /** `reason`: the rule that failed, for the operator's figures; never shown to the visitor. */
  | { kind: "rejected"; reason: string }
  | { kind: "invalid"; problems: FieldError[] }
  | { kind: "throttled"; refusal: ThrottleRefusal };

export class EnrollmentService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly eligibility: EligibilityRepository,
    private readonly enrollments: EnrollmentRepository,
    private readonly users: PortalUserRepository,
    private readonly grants: AccessGrantRepository,
    private readonly mailer: AccountMailer,
    private readonly mailQueued: () => void,
    private readonly throttle: ThrottleGuard,
    private readonly events: PortalEvents = NO_EVENTS,
  ) {}

  async selfEnroll(
    input: EnrollmentInput,
    request: Pick<RequestContext, "meta" | "log">,
  ): Promise<SelfEnrollOutcome> {
    this.events.enrollmentAttempted();
    const outcome = await this.enroll(input, request);
    this.events.enrollmentDecided(
      outcome.kind === "started"
        ? { outcome: "started" }
        : { outcome: "rejected", reason: rejectionReason(outcome) },
    );
    return outcome;
  }

  private async enroll(
    input: EnrollmentInput,
    request: Pick<RequestContext, "meta" | "log">,
  ): Promise<SelfEnrollOutcome> {
    const problems = validateEnrollmentInput(input);
    if (problems.length > 0) {
      await this.enrollments.logAttempt({
        ...request.meta,
        email: typeof input.email === "string" ? normalizeEmail(input.email) : null,
        contractId: typeof input.contractId === "string" ? input.contractId.trim() : null,
        outcome: "INVALID",
        reasonCode: `INPUT_INVALID:${problems.map((p) => `${p.field}.${p.code}`).join(",")}`,
      });
      return { kind: "invalid", problems };
    }

    const entered = normalizeEnrollmentInput(input);
    const attempt = { ...request.meta, email: entered.email, contractId: entered.contractId };
    const recordRefusal = (refusal: ThrottleRefusal) => this.logRefusal(refusal, attempt);
    // Limits count failures per contract, email, client and customer, so a ZIP cannot be guessed by
    // spreading tries over contracts, addresses or networks. An attempt is taken on each key before
    // any servicing data is read (so a burst cannot slip past the count), and given back on success.
    const keys: ThrottleKey[] = [
      { throttle: "RATE_LIMIT_ENROLL_CONTRACT", value: entered.contractId },
      { throttle: "RATE_LIMIT_ENROLL_EMAIL", value: entered.email },
      { throttle: "RATE_LIMIT_ENROLL_IP", value: clientKey(request.meta) },
    ];
    const admission = await this.throttle.admit(
      { name: "selfEnroll", onRefusal: recordRefusal },
      keys,
      request,
    );
    if (!admission.admitted) return { kind: "throttled", refusal: admission.refusal };
    // Settled on every path below: a request that ends in an error keeps its attempts (fails closed).
    const reservations = [admission.reservation];
    const settle = (how: "fail" | "release") => Promise.all(reservations.map((r) => r[how]()));
    try {
      const facts = await this.eligibility.findFacts(entered.email, entered.contractId);
      const customerKeys: ThrottleKey[] = [
        ...new Set([
          facts.contract?.customerId,
          ...facts.owners.customerIds,
          ...facts.owners.billToCustomerIds,
        ]),
      ]
        .filter((id): id is string => typeof id === "string")
        .map((id) => ({ throttle: "RATE_LIMIT_ENROLL_CUSTOMER", value: id }));
      const forCustomers = await this.throttle.admit(
        { name: "selfEnroll", onRefusal: recordRefusal },
        customerKeys,
        request,
      );
      if (!forCustomers.admitted) {
        // Not judged: the attempts on contract, email and client are given back.
        await settle("release");
        return { kind: "throttled", refusal: forCustomers.refusal };
      }
      reservations.push(forCustomers.reservation);

      const decision = decideEligibility({
        enteredPostalCode: entered.billingPostalCode,
        ...facts,
      });

      if (!decision.eligible) {
        await settle("fail");
        await this.enrollments.logAttempt({
          ...attempt,
          outcome: "REJECTED",
          reasonCode: decision.reason,
          customerId: facts.contract?.customerId ?? null,
        });
        request.log.info(
          { outcome: "rejected", reason: decision.reason },
          "self-enrollment rejected",
        );
        return { kind: "rejected", reason: decision.reason };
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
      if (newAccountId === null)
        await this.enrollExisting(entered, decision.customerId, started, request);
      await settle("release");
      this.mailQueued();
      request.log.info(
        { outcome: "started", newAccount: newAccountId !== null },
        "self-enrollment started",
      );
      return { kind: "started", email: entered.email };
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
    request: Pick<RequestContext, "meta" | "log">,
  ): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const user = await this.users.findOrCreatePending(tx, entered);
      if (user.status === "INACTIVE") {
        // Deactivated by staff: the same answer as any eligible address, and nothing changes: no
        // grant, no mail, no reactivation. The attempt log says why.
        await this.enrollments.logAttempt(
          { ...started, reasonCode: "ACCOUNT_INACTIVE", userId: user.id },
          tx,
        );
        return;
      }
      await this.grants.grant(tx, user.id, customerId, entered.contractId);
      // Repeat enrollments of an existing account share the per-address mail limit, so knowing the
      // details is not enough to flood the owner's inbox. The answer stays the same either way.
      const mailKeys: ThrottleKey[] = [{ throttle: "RATE_LIMIT_MAIL_EMAIL", value: user.email }];
      const mail = user.created
        ? null
        : await this.throttle.admit({ name: "selfEnroll.mail" }, mailKeys, request);
      // Every mail counts: the attempt is kept.
      if (mail?.admitted) await mail.reservation.fail();
      const mailAllowed = mail === null || mail.admitted;
      if (!mailAllowed)
        request.log.warn(
          { userId: user.id },
          "enrollment mail to an existing account skipped: mail limit reached",
        );
      else if (user.status === "ACTIVE") await this.mailer.sendAccountExists(tx, user);
      else await this.mailer.sendVerification(tx, user);
      await this.enrollments.logAttempt(
        { ...started, reasonCode: user.created ? "ELIGIBLE" : "ALREADY_ENROLLED", userId: user.id },
        tx,
      );
    });
  }

  private async logRefusal(
    refusal: ThrottleRefusal,
    attempt: { email: string; contractId: string } & RequestMeta,
  ): Promise<void> {
    await this.enrollments.logAttempt({
      ...attempt,
      outcome: "REJECTED",
      reasonCode: `RATE_LIMITED:${refusal.reason}`,
    });
  }
}

/** The internal reason of a refusal, as the metrics count it (a bounded list: no input in it). */
function rejectionReason(outcome: Exclude<SelfEnrollOutcome, { kind: "started" }>): string {
  switch (outcome.kind) {
    case "rejected":
      return outcome.reason;
    case "invalid":
      return "INPUT_INVALID";
    case "throttled":
      return outcome.refusal.reason === "TOO_MANY_ATTEMPTS"
        ? "RATE_LIMITED"
        : outcome.refusal.reason;
  }
}
