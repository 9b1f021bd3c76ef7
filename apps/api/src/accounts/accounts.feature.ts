import type { Feature, Platform } from "../platform";
import { AccessNotices } from "./access-notices";
import { AccountResolver } from "./account.resolver";
import { AccountService } from "./account.service";

/** Verification, passwords and resends; the mail they and new grants cause. */
export function createAccounts(p: Platform): Feature {
  const accounts = new AccountService(
    p.db.prisma,
    p.tokens,
    p.mailer,
    p.sessions,
    p.mailQueued,
    p.throttle,
    p.audit,
    p.mailRequests,
    p.users,
    p.metrics,
  );
  const notices = new AccessNotices(p.db.prisma, p.grants, p.mailer);
  const mailLog = p.log.child({ component: "mail" });
  return {
    resolvers: [new AccountResolver(accounts)],
    // Requests for account emails become mail in the worker (see AccountService.handleMailRequests).
    mailProducers: [
      (max) => accounts.handleMailRequests(max, mailLog),
      (max) => notices.handle(max, mailLog),
    ],
  };
}
