import { inLanguage } from "../copy/portal-copy.schema";
import type { Feature, Platform } from "../platform";
import { EligibilityRepository } from "./eligibility.repository";
import { EnrollmentRepository } from "./enrollment.repository";
import { EnrollmentResolver } from "./enrollment.resolver";
import { EnrollmentService } from "./enrollment.service";
import { FieldLimitsResolver } from "./field-limits.resolver";

/** selfEnroll and the field limits the wizard reads. */
export function createEnrollment(p: Platform): Feature {
  const enrollment = new EnrollmentService(
    p.db.prisma,
    new EligibilityRepository(p.db.sql),
    new EnrollmentRepository(p.db.sql),
    p.users,
    p.grants,
    p.mailer,
    p.mailQueued,
    p.throttle,
    p.metrics,
  );
  return {
    resolvers: [
      new EnrollmentResolver(enrollment, inLanguage(p.config.copy.rejectionMessage, "en")),
      new FieldLimitsResolver(),
    ],
  };
}
