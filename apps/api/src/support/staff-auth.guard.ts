import { GraphQLError, type GraphQLSchema } from "graphql";
import {
  type AuthChecker,
  AuthorizationError,
  Extensions,
  createParameterDecorator,
} from "type-graphql";
import type { StaffActionKind } from "../audit/audit-log";
import type { SupportContext } from "../graphql/support-context";
import type { ActionOutcome, SupportActionsService } from "./support-actions.service";
import { SIGN_IN_REQUIRED } from "./support.messages";
import type { StaffMember, StaffRole } from "./staff.repository";

/**
 * No staff session: the one answer, decided in one place (the auth checker). A lookup fails with it
 * (`UNAUTHENTICATED`, HTTP 401: no data without a session); an action's answer carries it as data
 * (`SupportActionRefused` `SIGN_IN_REQUIRED`, see `staffActionRefusals`), as its result union promises.
 */
export class StaffSignInRequired extends GraphQLError {
  constructor() {
    super(SIGN_IN_REQUIRED, { extensions: { code: "UNAUTHENTICATED", http: { status: 401 } } });
  }
}

function allows(role: StaffRole, needed: StaffRole): boolean {
  return needed === "SUPPORT" || role === "ADMIN";
}

/**
 * Who may run what on /support/graphql, as resolvers declare it: `@Authorized()` needs a staff
 * session, `@Authorized("ADMIN")` an ADMIN's (type-graphql's authChecker). Unauthorized roles get
 * type-graphql's AuthorizationError.
 */
export const staffAuthChecker: AuthChecker<SupportContext, StaffRole> = async (
  { context },
  roles,
) => {
  const staff = await context.currentStaff();
  if (!staff) throw new StaffSignInRequired();
  return roles.every((role) => allows(staff.role, role));
};

/** The signed-in member of staff, for operations behind `@Authorized` (the checker ran first). */
export function CurrentStaff() {
  return createParameterDecorator<SupportContext>(async ({ context }): Promise<StaffMember> => {
    const staff = await context.currentStaff();
    if (!staff) throw new StaffSignInRequired();
    return staff;
  });
}

const STAFF_ACTION = "staffAction";

/** Marks a mutation as a staff action of the audit trail: its refusals become its answer. */
export function StaffAction(action: StaffActionKind) {
  return Extensions({ [STAFF_ACTION]: action });
}

/** What the answers need of the actions: the audit of a refusal the auth checker decided. */
export type RoleRefusals = Pick<SupportActionsService, "refusedForRole">;

/**
 * The auth checker's refusals of a staff action, as the action's answer (the union's
 * SupportActionRefused) instead of an error: SIGN_IN_REQUIRED without a session, ADMIN_ONLY (audited
 * as refused, with the action and its subject) for a role that may not. Lookups keep the errors.
 * Applied to the built schema: type-graphql runs its auth check before any middleware, so the
 * field's resolver is where its error can still become data.
 */
export function staffActionRefusals(
  actions: RoleRefusals,
  answer: (action: StaffActionKind, outcome: ActionOutcome | "SIGN_IN_REQUIRED") => unknown,
): (schema: GraphQLSchema) => void {
  return (schema) => {
    for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
      const action = field.extensions[STAFF_ACTION];
      const resolve = field.resolve;
      if (typeof action !== "string" || !resolve) continue;
      const kind = action as StaffActionKind;
      field.resolve = async (
        source,
        args: Record<string, unknown>,
        context: SupportContext,
        info,
      ) => {
        try {
          return await resolve(source, args, context, info);
        } catch (error) {
          if (error instanceof StaffSignInRequired) return answer(kind, "SIGN_IN_REQUIRED");
          if (!(error instanceof AuthorizationError)) throw error;
          const staff = await context.currentStaff();
          if (!staff) return answer(kind, "SIGN_IN_REQUIRED");
          const text = (name: string) => (typeof args[name] === "string" ? args[name] : undefined);
          const subject = {
            userId: text("userId"),
            customerId: text("customerId"),
            reason: text("reason"),
          };
          return answer(
            kind,
            await actions.refusedForRole(kind, subject, staff, context.request.meta),
          );
        }
      };
    }
  };
}
