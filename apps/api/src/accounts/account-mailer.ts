import type { Config } from "../config/config";
import {
  type ComposedMail,
  accountExistsMail,
  newAccessNoticeMail,
  passwordChangedMail,
  passwordResetMail,
  verifyEmailMail,
} from "../mail/mail.templates";
import type { Tx } from "../db/transaction";
import type { OutboxRepository } from "../mail/outbox.repository";
import type { AccountTokenRepository, NewToken } from "./account-token.repository";
import { newSecretToken } from "../credentials/tokens";

export interface MailRecipient {
  id: string;
  email: string;
  firstName: string;
}

/** A message and the token its link carries, composed but not stored yet. */
export interface TokenMail {
  mail: ComposedMail;
  token: NewToken;
}

/** Composes account messages with their tokens and puts them in the outbox, inside the caller's transaction. */
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

  private compose(
    purpose: NewToken["purpose"],
    ttlMs: number,
    render: (token: string) => ComposedMail,
  ): TokenMail {
    const { token, hash } = newSecretToken();
    return { token: { purpose, hash, ttlMs }, mail: render(token) };
  }

  /** The verification message with a new token; storing both is the caller's (see `send`). */
  composeVerification(user: Pick<MailRecipient, "firstName">): TokenMail {
    const ttlMs = this.config.tokens.verificationTtlMs;
    return this.compose("VERIFY_EMAIL", ttlMs, (token) =>
      verifyEmailMail(this.config.branding, {
        firstName: user.firstName,
        link: this.link("verify", token),
        ttlHours: Math.round(ttlMs / 3_600_000),
      }),
    );
  }

  private composeAccountExists(user: MailRecipient): TokenMail {
    const ttlMs = this.config.tokens.resetTtlMs;
    return this.compose("RESET_PASSWORD", ttlMs, (token) =>
      accountExistsMail(this.config.branding, {
        firstName: user.firstName,
        signInLink: this.link("sign-in"),
        resetLink: this.link("reset-password", token),
        resetTtlMinutes: Math.round(ttlMs / 60_000),
      }),
    );
  }

  private composePasswordReset(user: MailRecipient): TokenMail {
    const ttlMs = this.config.tokens.resetTtlMs;
    return this.compose("RESET_PASSWORD", ttlMs, (token) =>
      passwordResetMail(this.config.branding, {
        firstName: user.firstName,
        link: this.link("reset-password", token),
        ttlMinutes: Math.round(ttlMs / 60_000),
      }),
    );
  }

  sendVerification(tx: Tx, user: MailRecipient): Promise<void> {
    return this.send(tx, user, this.composeVerification(user));
  }

  sendAccountExists(tx: Tx, user: MailRecipient): Promise<void> {
    return this.send(tx, user, this.composeAccountExists(user));
  }

  sendPasswordReset(tx: Tx, user: MailRecipient): Promise<void> {
    return this.send(tx, user, this.composePasswordReset(user));
  }

  /** Stores the token (superseding the user's earlier ones) and queues the message. */
  /** "Your password was changed", after a reset link was used (no link in it). */
  async sendPasswordChanged(tx: Tx, user: MailRecipient): Promise<void> {
    await this.outbox.enqueue(tx, user.email, passwordChangedMail(this.config.branding, user));
  }

  /** "Someone new registered for <customer>", to one of the customer's other active users. */
  async sendNewAccessNotice(
    tx: Tx,
    to: MailRecipient,
    notice: {
      customerName: string;
      newcomer: { firstName: string; lastName: string; email: string };
    },
  ): Promise<void> {
    await this.outbox.enqueue(
      tx,
      to.email,
      newAccessNoticeMail(this.config.branding, { firstName: to.firstName, ...notice }),
    );
  }

  private async send(tx: Tx, user: MailRecipient, composed: TokenMail): Promise<void> {
    await this.tokens.issue(tx, user.id, composed.token);
    await this.outbox.enqueue(tx, user.email, composed.mail);
  }
}
