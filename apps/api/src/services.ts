import { AccountMailer } from "./accounts/account-mailer";
import { AccountResolver } from "./accounts/account.resolver";
import { AccountService } from "./accounts/account.service";
import { AccountTokenRepository } from "./accounts/account-token.repository";
import { MailRequestRepository } from "./accounts/mail-request.repository";
import { AccessGrantRepository } from "./accounts/access-grant.repository";
import { AccessNotices } from "./accounts/access-notices";
import { PortalUserRepository } from "./accounts/portal-user.repository";
import { AuditLog } from "./audit/audit-log";
import type { Config } from "./config/config";
import { inLanguage } from "./copy/portal-copy.schema";
import { PortalCopyResolver } from "./copy/portal-copy.resolver";
import { ContractsService } from "./contracts/contracts.service";
import { ViewerResolver } from "./contracts/viewer.resolver";
import type { Database } from "./db/database";
import { EligibilityRepository } from "./enrollment/eligibility.repository";
import { EnrollmentRepository } from "./enrollment/enrollment.repository";
import { EnrollmentResolver } from "./enrollment/enrollment.resolver";
import { EnrollmentService } from "./enrollment/enrollment.service";
import type { Logger } from "./logging/logger";
import { createMailTransport } from "./mail/mail.transport";
import { MailWorker } from "./mail/mail.worker";
import { PortalMetrics } from "./metrics/portal-metrics";
import { OutboxRepository } from "./mail/outbox.repository";
import { SessionResolver } from "./sessions/session.resolver";
import { SessionService } from "./sessions/session.service";
import { SignInService } from "./sessions/sign-in.service";
import { createLimiterStore } from "./throttle/limiter-store";
import { ThrottleGuard } from "./throttle/throttle-guard";
import { Throttles } from "./throttle/throttles";
import { EligibilityExplainerRepository } from "./support/eligibility-explainer.repository";
import { EligibilityExplainer } from "./support/eligibility-explainer.service";
import { SecretBox } from "./support/secret-box";
import { StaffAuthResolver } from "./support/staff-auth.resolver";
import { StaffAuthService } from "./support/staff-auth.service";
import { StaffSessionRepository } from "./support/staff-session.repository";
import { StaffRepository } from "./support/staff.repository";
import { SupportActionsService } from "./support/support-actions.service";
import { SupportLookupService } from "./support/support-lookup.service";
import { SupportResolver } from "./support/support.resolver";

/** Constructs every service once, with its dependencies: the composition root. */
export function createServices(config: Config, db: Database, log: Logger) {
  const prisma = db.prisma;
  // Counted whether or not METRICS_PORT serves them: in-memory increments, nothing to switch off.
  const metrics = new PortalMetrics();
  const outbox = new OutboxRepository(prisma, db.sql);
  const mailLog = log.child({ component: "mail" });
  const mailTransport = createMailTransport(config.mail);
  // Requests for account emails become mail in the worker (see AccountService.handleMailRequests).
  const mailWorker = new MailWorker(
    outbox,
    mailTransport,
    config.mail,
    mailLog,
    [
      (max) => accounts.handleMailRequests(max, mailLog),
      (max) => accessNotices.handle(max, mailLog),
    ],
    metrics,
  );
  const mailQueued = () => mailWorker.kick();
  const tokens = new AccountTokenRepository(prisma);
  const mailer = new AccountMailer(tokens, outbox, config);
  const sessions = new SessionService(prisma, config.sessions);
  const audit = new AuditLog(prisma);
  const throttles = new Throttles(
    config.throttle.rules,
    config.throttle.maxBlockSeconds,
    createLimiterStore(config.throttle.redisUrl, config.throttle.storeTimeoutMs),
    config.ipHashSecret,
  );
  const throttle = new ThrottleGuard(
    throttles,
    audit,
    log.child({ component: "throttle" }),
    metrics,
  );
  const users = new PortalUserRepository(prisma);
  const grants = new AccessGrantRepository();
  const enrollment = new EnrollmentService(
    prisma,
    new EligibilityRepository(db.sql),
    new EnrollmentRepository(db.sql),
    users,
    grants,
    mailer,
    mailQueued,
    throttle,
    metrics,
  );
  const mailRequests = new MailRequestRepository(prisma);
  const accounts: AccountService = new AccountService(
    prisma,
    tokens,
    mailer,
    sessions,
    mailQueued,
    throttle,
    audit,
    mailRequests,
    users,
    metrics,
  );
  metrics.observeOnScrape(async () => {
    const [backlog, pending] = await Promise.all([outbox.backlog(), mailRequests.pending()]);
    return { outbox: backlog, mailRequestsPending: pending, pools: db.adapter.poolStats() };
  });
  const accessNotices = new AccessNotices(prisma, grants, mailer);
  const contracts = new ContractsService(prisma);
  // The support console exists only with a key to seal staff second factors (STAFF_SECRET_KEY).
  const support = config.staff.secretKey
    ? {
        auth: new StaffAuthService(
          prisma,
          new StaffRepository(prisma),
          new StaffSessionRepository(prisma, config.staff),
          new SecretBox(config.staff.secretKey),
          throttle,
          audit,
          config,
          log.child({ component: "support" }),
        ),
        lookups: new SupportLookupService(
          prisma,
          audit,
          new EligibilityExplainer(new EligibilityExplainerRepository(prisma)),
        ),
        actions: new SupportActionsService(
          prisma,
          users,
          tokens,
          sessions,
          grants,
          mailer,
          throttle,
          audit,
          mailQueued,
        ),
      }
    : null;
  return {
    support: support && {
      auth: support.auth,
      resolvers: [
        new StaffAuthResolver(support.auth),
        new SupportResolver(support.lookups, support.actions),
      ],
    },
    metrics,
    mailTransport,
    outbox,
    mailWorker,
    sessions,
    throttles,
    resolvers: [
      new EnrollmentResolver(enrollment, inLanguage(config.copy.rejectionMessage, "en")),
      new AccountResolver(accounts),
      new SessionResolver(
        new SignInService(sessions, throttle, audit, (userId, language) =>
          users.recordSignIn(userId, language),
        ),
      ),
      new ViewerResolver(contracts),
      new PortalCopyResolver(config.copy),
    ],
  };
}
