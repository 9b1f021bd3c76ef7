import { GraphQLError } from "graphql";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { SupportContext } from "../graphql/support-context";
import { rateLimited } from "../graphql/rate-limited.types";
import type { StaffActionKind } from "../audit/audit-log";
import type { ActionOutcome, SupportActionsService } from "./support-actions.service";
import {
  LookupRefused,
  type PortalUserView,
  type SupportLookupService,
} from "./support-lookup.service";
import type { StaffMember as Staff } from "./staff.repository";
import { inputInvalid } from "../enrollment/enrollment.resolver";
import {
  ContractOnFile,
  EligibilityCheck,
  EligibilityExplanation,
  EmailOnFile,
  ExplainEligibilityInput,
  ExplainEligibilityResult,
  PostalComparison,
} from "./explanation.types";
import { ClearEnrollmentThrottleInput } from "./support.input";
import { ACTION_DONE, ACTION_REFUSED } from "./support.messages";
import { CurrentStaff, StaffAction } from "./staff-auth.guard";
import {
  EnrollmentAttempt,
  GrantStatusValue,
  PortalUser,
  PortalUserGrant,
  PortalUserStatusValue,
  SupportActionDone,
  SupportActionRefusalValue,
  SupportActionRefused,
  SupportActionResult,
} from "./support.types";

const LOOKUP_MESSAGES: Record<LookupRefused["problem"], string> = {
  SEARCH_EMPTY: "Type an email, a name, a customer id or a contract id.",
  SEARCH_TOO_LONG: "The search is too long.",
  NO_CRITERIA: "Give an email, a contract id, or both.",
  LIMIT_OUT_OF_RANGE: "limit must be between 1 and 200.",
};

/** A lookup's refusal of its input, as a typed client error (BAD_USER_INPUT). */
async function lookup<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LookupRefused)
      throw new GraphQLError(LOOKUP_MESSAGES[error.problem], {
        extensions: { code: "BAD_USER_INPUT", problem: error.problem },
      });
    throw error;
  }
}

function portalUser(view: PortalUserView): PortalUser {
  return Object.assign(new PortalUser(), {
    ...view,
    status: PortalUserStatusValue[view.status],
    grants: view.grants.map((g) =>
      Object.assign(new PortalUserGrant(), { ...g, status: GrantStatusValue[g.status] }),
    ),
  });
}

/** An action's outcome as its answer; SIGN_IN_REQUIRED comes from the auth checker (staff-auth.guard.ts). */
export function actionAnswer(
  action: StaffActionKind,
  outcome: ActionOutcome | "SIGN_IN_REQUIRED",
): typeof SupportActionResult {
  if (outcome === "SIGN_IN_REQUIRED")
    return Object.assign(new SupportActionRefused(), {
      code: SupportActionRefusalValue.SIGN_IN_REQUIRED,
      message: ACTION_REFUSED.SIGN_IN_REQUIRED,
    });
  switch (outcome.kind) {
    case "done":
      return Object.assign(new SupportActionDone(), { message: ACTION_DONE[action] });
    case "refused":
      return Object.assign(new SupportActionRefused(), {
        code: SupportActionRefusalValue[outcome.refusal],
        message: ACTION_REFUSED[outcome.refusal],
      });
    case "throttled":
      return rateLimited(outcome.refusal);
  }
}

@Resolver()
export class SupportResolver {
  constructor(
    private readonly lookups: SupportLookupService,
    private readonly actions: SupportActionsService,
  ) {}

  @Authorized()
  @Query(() => [PortalUser], {
    description:
      "Accounts by email (exact or prefix), name, customer id or contract id; newest first, at most 50. Each search is written to the audit trail.",
  })
  async portalUsers(
    @Arg("search", {
      description: "An email or its start, a name, a customer id or a contract id.",
    })
    search: string,
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
  ): Promise<PortalUser[]> {
    const views = await lookup(() => this.lookups.portalUsers(search, staff, ctx.request.meta));
    return views.map(portalUser);
  }

  @Authorized()
  @Query(() => PortalUser, {
    nullable: true,
    description: "One account by id; null when no account has it. Written to the audit trail.",
  })
  async portalUser(
    @Arg("id", () => ID, { description: "Account id." }) id: string,
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
  ): Promise<PortalUser | null> {
    const view = await this.lookups.portalUser(id, staff, ctx.request.meta);
    return view ? portalUser(view) : null;
  }

  @Authorized()
  @Query(() => [EnrollmentAttempt], {
    description:
      "Self-enrollment attempts by email and/or contract id, newest first, with the internal reason. Written to the audit trail.",
  })
  async enrollmentAttempts(
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
    @Arg("email", () => String, { nullable: true, description: "The address entered." })
    email?: string | null,
    @Arg("contractId", () => String, { nullable: true, description: "The contract id entered." })
    contractId?: string | null,
    @Arg("limit", () => Int, { nullable: true, description: "How many, 1 to 200 (default 20)." })
    limit?: number | null,
  ): Promise<EnrollmentAttempt[]> {
    const rows = await lookup(() =>
      this.lookups.enrollmentAttempts({ email, contractId, limit }, staff, ctx.request.meta),
    );
    return rows.map((r) => Object.assign(new EnrollmentAttempt(), r));
  }

  @Authorized()
  @Query(() => ExplainEligibilityResult, {
    description:
      "Runs selfEnroll's rules on these details without writing or mailing anything, and says which rule passed or failed and what is on file. Written to the audit trail.",
  })
  async explainEligibility(
    @Arg("input", () => ExplainEligibilityInput, { description: "The details the caller typed." })
    input: ExplainEligibilityInput,
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
  ): Promise<typeof ExplainEligibilityResult> {
    const outcome = await this.lookups.explainEligibility(input, staff, ctx.request.meta);
    if (outcome.kind === "invalid") return inputInvalid(outcome.problems);
    const { kind: _kind, unbilledLocations: _unbilled, ...explained } = outcome;
    return Object.assign(new EligibilityExplanation(), {
      ...explained,
      checks: explained.checks.map((c) => Object.assign(new EligibilityCheck(), c)),
      onFile: explained.onFile.map((f) => Object.assign(new EmailOnFile(), f)),
      contract: explained.contract && Object.assign(new ContractOnFile(), explained.contract),
      postal: explained.postal && Object.assign(new PostalComparison(), explained.postal),
    });
  }

  @Authorized()
  @StaffAction("RESEND_VERIFICATION")
  @Mutation(() => SupportActionResult, {
    description:
      "SUPPORT: sends a new verification email to a pending account, within the per-address mail limit.",
  })
  async resendVerification(
    @Arg("userId", () => ID, { description: "Account id." }) userId: string,
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
  ): Promise<typeof SupportActionResult> {
    const outcome = await this.actions.resendVerification(userId, staff, ctx.request.meta);
    return actionAnswer("RESEND_VERIFICATION", outcome);
  }

  @Authorized()
  @StaffAction("CLEAR_ENROLLMENT_THROTTLE")
  @Mutation(() => SupportActionResult, {
    description:
      "SUPPORT: forgets the enrollment attempts counted against an address and/or a contract, so a locked-out caller can try again.",
  })
  async clearEnrollmentThrottle(
    @Arg("input", () => ClearEnrollmentThrottleInput, { description: "Address and/or contract." })
    input: ClearEnrollmentThrottleInput,
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
  ): Promise<typeof SupportActionResult> {
    const outcome = await this.actions.clearEnrollmentThrottle(input, staff, ctx.request.meta);
    return actionAnswer("CLEAR_ENROLLMENT_THROTTLE", outcome);
  }

  @Authorized("ADMIN")
  @StaffAction("DEACTIVATE_USER")
  @Mutation(() => SupportActionResult, {
    description:
      "ADMIN: deactivates an account: no sign-in, every session ends now, no link works; the person is told by email.",
  })
  async deactivatePortalUser(
    @Arg("userId", () => ID, { description: "Account id." }) userId: string,
    @Arg("reason", { description: "Why (kept with the account and in the audit trail)." })
    reason: string,
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
  ): Promise<typeof SupportActionResult> {
    const outcome = await this.actions.deactivatePortalUser(
      userId,
      reason,
      staff,
      ctx.request.meta,
    );
    return actionAnswer("DEACTIVATE_USER", outcome);
  }

  @Authorized("ADMIN")
  @StaffAction("REACTIVATE_USER")
  @Mutation(() => SupportActionResult, {
    description:
      "ADMIN: reactivates a deactivated account (active, or pending if it never set a password).",
  })
  async reactivatePortalUser(
    @Arg("userId", () => ID, { description: "Account id." }) userId: string,
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
  ): Promise<typeof SupportActionResult> {
    const outcome = await this.actions.reactivatePortalUser(userId, staff, ctx.request.meta);
    return actionAnswer("REACTIVATE_USER", outcome);
  }

  @Authorized("ADMIN")
  @StaffAction("REVOKE_GRANT")
  @Mutation(() => SupportActionResult, {
    description: "ADMIN: withdraws an account's access to one customer's contracts.",
  })
  async revokeGrant(
    @Arg("userId", () => ID, { description: "Account id." }) userId: string,
    @Arg("customerId", { description: "Servicing customer id." }) customerId: string,
    @CurrentStaff() staff: Staff,
    @Ctx() ctx: SupportContext,
  ): Promise<typeof SupportActionResult> {
    const outcome = await this.actions.revokeGrant(userId, customerId, staff, ctx.request.meta);
    return actionAnswer("REVOKE_GRANT", outcome);
  }
}
