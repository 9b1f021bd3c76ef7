import type { AccessGrantRepository } from "./accounts/access-grant.repository";
import type { AccountMailer } from "./accounts/account-mailer";
import type { AccountTokenRepository } from "./accounts/account-token.repository";
import type { MailRequestRepository } from "./accounts/mail-request.repository";
import type { PortalUserRepository } from "./accounts/portal-user.repository";
import type { AuditLog } from "./audit/audit-log";
import type { Config } from "./config/config";
import type { Database } from "./db/database";
import type { Logger } from "./logging/logger";
import type { MailProducer } from "./mail/mail.worker";
import type { OutboxRepository } from "./mail/outbox.repository";
import type { PortalMetrics } from "./metrics/portal-metrics";
import type { SessionService } from "./sessions/session.service";
import type { ThrottleGuard } from "./throttle/throttle-guard";

/**
 * What the composition root (services.ts) builds once and hands to every feature: configuration,
 * the database, the shared infrastructure and the owners of the shared tables. A feature takes what
 * it needs from it in its `create<Feature>(platform)`.
 */
export interface Platform {
  config: Config;
  db: Database;
  log: Logger;
  metrics: PortalMetrics;
  audit: AuditLog;
  throttle: ThrottleGuard;
  outbox: OutboxRepository;
  /** Wakes the mail worker after a commit that queued mail. */
  mailQueued: () => void;
  sessions: SessionService;
  users: PortalUserRepository;
  grants: AccessGrantRepository;
  tokens: AccountTokenRepository;
  mailer: AccountMailer;
  mailRequests: MailRequestRepository;
}

/** A feature of the public endpoint (`/graphql`): its resolver instances, and mail it produces. */
export interface Feature {
  /** Resolver instances with their services: the schema's resolver list is derived from them. */
  resolvers: object[];
  /** Work the mail worker runs before each pass (requests that become mail). */
  mailProducers?: MailProducer[];
}
