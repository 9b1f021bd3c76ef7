import { AccessGrantRepository } from "./accounts/access-grant.repository";
import { AccountMailer } from "./accounts/account-mailer";
import { AccountTokenRepository } from "./accounts/account-token.repository";
import { createAccounts } from "./accounts/accounts.feature";
import { MailRequestRepository } from "./accounts/mail-request.repository";
import { PortalUserRepository } from "./accounts/portal-user.repository";
import { AuditLog } from "./audit/audit-log";
import type { Config } from "./config/config";
import { createContracts } from "./contracts/contracts.feature";
import { createPortalCopy } from "./copy/portal-copy.feature";
import type { Database } from "./db/database";
import { createEnrollment } from "./enrollment/enrollment.feature";
import type { Logger } from "./logging/logger";
import { createMailTransport } from "./mail/mail.transport";
import { MailWorker } from "./mail/mail.worker";
import { OutboxRepository } from "./mail/outbox.repository";
import { PortalMetrics } from "./metrics/portal-metrics";
import type { Feature, Platform } from "./platform";
import { SessionService } from "./sessions/session.service";
import { createSessions } from "./sessions/sessions.feature";
import { createSupport } from "./support/support.feature";
import { createLimiterStore } from "./throttle/limiter-store";
import { ThrottleGuard } from "./throttle/throttle-guard";
import { Throttles } from "./throttle/throttles";

/**
 * The features of the public endpoint, one line each, in the schema's order. A new feature is a
 * folder whose `create<Feature>(platform)` returns its resolvers, and one line here.
 */
const PUBLIC_FEATURES: ReadonlyArray<(platform: Platform) => Feature> = [
  createEnrollment,
  createAccounts,
  createSessions,
  createContracts,
  createPortalCopy,
];

/** Constructs every service once, with its dependencies: the composition root. */
export function createServices(config: Config, db: Database, log: Logger) {
  const prisma = db.prisma;
  // Counted whether or not METRICS_PORT serves them: in-memory increments, nothing to switch off.
  const metrics = new PortalMetrics();
  const outbox = new OutboxRepository(prisma, db.sql);
  const tokens = new AccountTokenRepository(prisma);
  const audit = new AuditLog(prisma);
  const throttles = new Throttles(
    config.throttle.rules,
    config.throttle.maxBlockSeconds,
    createLimiterStore(config.throttle.redisUrl, config.throttle.storeTimeoutMs),
    config.ipHashSecret,
  );
  const mailRequests = new MailRequestRepository(prisma);
  const platform: Platform = {
    config,
    db,
    log,
    metrics,
    audit,
    throttle: new ThrottleGuard(throttles, audit, log.child({ component: "throttle" }), metrics),
    outbox,
    mailQueued: () => mailWorker.kick(),
    sessions: new SessionService(prisma, config.sessions),
    users: new PortalUserRepository(prisma),
    grants: new AccessGrantRepository(),
    tokens,
    mailer: new AccountMailer(tokens, outbox, config),
    mailRequests,
  };
  const features = PUBLIC_FEATURES.map((create) => create(platform));
  const support = createSupport(platform);
  const mailTransport = createMailTransport(config.mail);
  const mailWorker = new MailWorker(
    outbox,
    mailTransport,
    config.mail,
    log.child({ component: "mail" }),
    features.flatMap((feature) => feature.mailProducers ?? []),
    metrics,
  );
  metrics.observeOnScrape(async () => {
    const [backlog, pending] = await Promise.all([outbox.backlog(), mailRequests.pending()]);
    return { outbox: backlog, mailRequestsPending: pending, pools: db.adapter.poolStats() };
  });
  return {
    resolvers: features.flatMap((feature) => feature.resolvers),
    support,
    metrics,
    mailTransport,
    outbox,
    mailWorker,
    sessions: platform.sessions,
    throttles,
  };
}
