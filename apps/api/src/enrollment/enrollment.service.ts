import { decideEligibility, normalizeEnrollmentInput, validateEnrollmentInput } from "@portal/matching";
import type { Logger } from "../logging/logger";
import type { EligibilityRepository } from "./eligibility.repository";
import type { EnrollmentRepository } from "./enrollment.repository";
import type { SelfEnrollInput } from "./enrollment.input";
import {
  INPUT_INVALID_MESSAGE,
  REJECTED_MESSAGE,
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
  requestId: string | null;
  log: Logger;
}

export type SelfEnrollOutcome = EnrollmentStarted | EnrollmentRejected | InputInvalid;

export class EnrollmentService {
  constructor(
    private readonly eligibility: EligibilityRepository,
    private readonly enrollments: EnrollmentRepository,
  ) {}

  async selfEnroll(input: SelfEnrollInput, request: RequestInfo): Promise<SelfEnrollOutcome> {
    const problems = validateEnrollmentInput(input);
    if (problems.length > 0) {
      await this.enrollments.logAttempt({
        requestId: request.requestId,
        email: typeof input.email === "string" ? input.email.trim().toLowerCase() : null,
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
    const facts = await this.eligibility.findFacts(entered.email, entered.contractId);
    const decision = decideEligibility({ enteredPostalCode: entered.billingPostalCode, ...facts });
    const attempt = { requestId: request.requestId, email: entered.email, contractId: entered.contractId };

    if (!decision.eligible) {
      await this.enrollments.logAttempt({
        ...attempt,
        outcome: "REJECTED",
        reasonCode: decision.reason,
        customerId: facts.contract?.customerId ?? null,
      });
      request.log.info({ outcome: "rejected", reason: decision.reason }, "self-enrollment rejected");
      return Object.assign(new EnrollmentRejected(), { code: "NOT_ELIGIBLE", message: REJECTED_MESSAGE });
    }

    const result = await this.enrollments.enroll(
      {
        email: entered.email,
        firstName: entered.firstName,
        lastName: entered.lastName,
        customerId: decision.customerId,
        contractId: entered.contractId,
      },
      attempt,
    );
    request.log.info({ outcome: "started", newAccount: result.created }, "self-enrollment started");
    return Object.assign(new EnrollmentStarted(), { email: entered.email, message: startedMessage(entered.email) });
  }
}
