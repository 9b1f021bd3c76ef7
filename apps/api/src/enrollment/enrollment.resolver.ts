import type { FieldError as DomainFieldError } from "@portal/matching";
import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/context";
import { rateLimited } from "../graphql/rate-limited.types";
import { SelfEnrollInput } from "./enrollment.input";
import { INPUT_INVALID_MESSAGE, fieldErrorMessage, startedMessage } from "./enrollment.messages";
import type { EnrollmentService, SelfEnrollOutcome } from "./enrollment.service";
import {
  EnrollmentRejected,
  EnrollmentStarted,
  FieldError,
  InputInvalid,
  SelfEnrollResult,
} from "./enrollment.types";

@Resolver()
export class EnrollmentResolver {
  constructor(
    private readonly service: EnrollmentService,
    /** The operator's rejection text (English; the web app shows it in the reader's language). */
    private readonly rejectionMessage: string,
  ) {}

  @Mutation(() => SelfEnrollResult, {
    description:
      "Checks what a visitor typed against servicing data. When eligible, creates (or finds) the account pending verification and grants access to the customer the contract belongs to.",
  })
  async selfEnroll(
    @Arg("input", () => SelfEnrollInput, {
      description: "The values typed into the Register Here form.",
    })
    input: SelfEnrollInput,
    @Ctx() ctx: GraphQLContext,
  ): Promise<typeof SelfEnrollResult> {
    return this.answer(await this.service.selfEnroll(input, ctx.request));
  }

  private answer(outcome: SelfEnrollOutcome): typeof SelfEnrollResult {
    switch (outcome.kind) {
      case "started":
        return Object.assign(new EnrollmentStarted(), {
          email: outcome.email,
          message: startedMessage(outcome.email),
        });
      case "rejected":
        return Object.assign(new EnrollmentRejected(), {
          code: "NOT_ELIGIBLE",
          message: this.rejectionMessage,
        });
      case "invalid":
        return inputInvalid(outcome.problems);
      case "throttled":
        return rateLimited(outcome.refusal);
    }
  }
}

/** The answer to input in an unacceptable form (also the support console's, for the same fields). */
export function inputInvalid(problems: readonly DomainFieldError[]): InputInvalid {
  return Object.assign(new InputInvalid(), {
    message: INPUT_INVALID_MESSAGE,
    fieldErrors: problems.map((p) =>
      Object.assign(new FieldError(), {
        field: p.field,
        code: p.code,
        message: fieldErrorMessage(p.field, p.code),
      }),
    ),
  });
}
