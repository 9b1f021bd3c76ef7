import type { GraphQLSchema } from "graphql";
import type { Platform } from "../platform";
import { EligibilityExplainerRepository } from "./eligibility-explainer.repository";
import { EligibilityExplainer } from "./eligibility-explainer.service";
import { SecretBox } from "./secret-box";
import { StaffAuthResolver } from "./staff-auth.resolver";
import { StaffAuthService } from "./staff-auth.service";
import { StaffSessionRepository } from "./staff-session.repository";
import { StaffRepository } from "./staff.repository";
import { SupportActionsService } from "./support-actions.service";
import { SupportLookupService } from "./support-lookup.service";
import { SupportResolver, actionAnswer } from "./support.resolver";
import { staffActionRefusals } from "./staff-auth.guard";

/** The support console's side of the API: its resolvers and the staff session behind them. */
export interface SupportFeature {
  resolvers: object[];
  /** Applied to the built staff schema: the auth checker's refusals of an action, as its answer. */
  answerRefusals: (schema: GraphQLSchema) => void;
  /** Who the staff cookie belongs to (the support endpoint's context). */
  auth: StaffAuthService;
}

/**
 * The support console, or null when it is off: it exists only with a key to seal staff second
 * factors (STAFF_SECRET_KEY).
 */
export function createSupport(p: Platform): SupportFeature | null {
  const { config, db } = p;
  if (!config.staff.secretKey) return null;
  const auth = new StaffAuthService(
    db.prisma,
    new StaffRepository(db.prisma),
    new StaffSessionRepository(db.prisma, config.staff),
    new SecretBox(config.staff.secretKey),
    p.throttle,
    p.audit,
    config,
    p.log.child({ component: "support" }),
  );
  const lookups = new SupportLookupService(
    db.prisma,
    p.audit,
    new EligibilityExplainer(new EligibilityExplainerRepository(db.prisma)),
  );
  const actions = new SupportActionsService(
    db.prisma,
    p.users,
    p.tokens,
    p.sessions,
    p.grants,
    p.mailer,
    p.throttle,
    p.audit,
    p.mailQueued,
  );
  return {
    auth,
    resolvers: [new StaffAuthResolver(auth), new SupportResolver(lookups, actions)],
    answerRefusals: staffActionRefusals(actions, actionAnswer),
  };
}
