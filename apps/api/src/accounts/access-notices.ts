import type { PrismaClient } from "../generated/prisma/client";
import type { Logger } from "../logging/logger";
import type { AccessGrantRepository } from "./access-grant.repository";
import type { AccountMailer } from "./account-mailer";

const PER_PASS = 50;

/**
 * Security notices about new access: when an active account holds a new grant of a customer (its
 * owner verified the email and set a password, or an active account proved another contract), the
 * customer's other active users are told who registered and whom to call. A mail producer of the worker (not the
 * enrollment's own statement): enrollment stays one fast statement, and the notices of a grant are
 * queued, with the grant marked, in one transaction (sent once, even with several instances).
 */
export class AccessNotices {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly grants: AccessGrantRepository,
    private readonly mailer: AccountMailer,
  ) {}

  /** Queues the notices of up to `max` new grants; returns how many grants were handled. */
  async handle(max: number, log: Logger): Promise<number> {
    const handled = await this.prisma.$transaction(async (tx) => {
      const pending = await this.grants.takeUnnotified(tx, Math.min(max, PER_PASS));
      for (const grant of pending)
        for (const other of grant.others)
          await this.mailer.sendNewAccessNotice(tx, other, {
            customerName: grant.customerName,
            newcomer: grant.newcomer,
          });
      await this.grants.markNotified(
        tx,
        pending.map((g) => g.grantId),
      );
      return pending;
    });
    const notices = handled.reduce((n, g) => n + g.others.length, 0);
    if (notices > 0) log.info({ grants: handled.length, notices }, "new-access notices queued");
    return handled.length;
  }
}
