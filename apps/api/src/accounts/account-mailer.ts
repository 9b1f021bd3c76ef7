import type { Config } from "../config/config";
import { accountExistsMail, passwordResetMail, verifyEmailMail } from "../mail/mail.templates";
import type { Tx } from "../db/transaction";
import type { OutboxRepository } from "../mail/outbox.repository";
import type { AccountTokenRepository } from "./account-token.repository";

export interface MailRecipient {
  id: string;
  email: string;
  firstName: string;
}

/** Issues the token a message needs and puts the message in the outbox, inside the caller's transaction. */
export class AccountMailer {
  constructor(
    private readonly tokens: AccountTokenRepository,
    private readonly outbox: OutboxRepository,
    private readonly config: Pick<Config, "publicUrl" | "branding" | "tokens">,
  ) {}

  private link(path: string, token?: string): string {
    const url = new URL(path, `${this.config.publicUrl}/`);
    if (token) url.searchParams.set("token", token);
    return url.toString();
  }

  async sendVerification(tx: Tx, user: MailRecipient): Promise<void> {
    const token = await this.tokens.issue(tx, user.id, "VERIFY_EMAIL", this.config.tokens.verificationTtlMs);
    await this.outbox.enqueue(
      tx,
      user.email,
      verifyEmailMail(this.config.branding, {
        firstName: user.firstName,
        link: this.link("verify", token),
        ttlHours: Math.round(this.config.tokens.verificationTtlMs / 3_600_000),
      }),
    );
  }

  async sendAccountExists(tx: Tx, user: MailRecipient): Promise<void> {
    const token = await this.tokens.issue(tx, user.id, "RESET_PASSWORD", this.config.tokens.resetTtlMs);
    await this.outbox.enqueue(
      tx,
      user.email,
      accountExistsMail(this.config.branding, {
        firstName: user.firstName,
        signInLink: this.link("sign-in"),
        resetLink: this.link("reset-password", token),
        resetTtlMinutes: Math.round(this.config.tokens.resetTtlMs / 60_000),
      }),
    );
  }

  async sendPasswordReset(tx: Tx, user: MailRecipient): Promise<void> {
    const token = await this.tokens.issue(tx, user.id, "RESET_PASSWORD", this.config.tokens.resetTtlMs);
    await this.outbox.enqueue(
      tx,
      user.email,
      passwordResetMail(this.config.branding, {
        firstName: user.firstName,
        link: this.link("reset-password", token),
        ttlMinutes: Math.round(this.config.tokens.resetTtlMs / 60_000),
      }),
    );
  }
}
