import type { Config } from "../config/config";
import { inLanguage } from "../copy/portal-copy.schema";
import {
  type ComposedMail,
  type MailLanguage,
  accountDeactivatedMail,
  accountExistsMail,
  mailLanguage,
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

/** Who a security notice goes to: in their language when known. */
export interface NoticeRecipient {
  email: string;
  firstName: string;
  language: string | null;
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
    private readonly config: Pick<Config, "publicUrl" | "branding" | "tokens" | "copy">,
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
  /** The branding in the reader's language (the operator's copy names the portal in each). */
  private brandingIn(language: MailLanguage) {
    return {
      ...this.config.branding,
      portalName: inLanguage(this.config.copy.portalName, language),
    };
  }

  /** "Your password was changed", after a reset link was used (no link in it). */
  async sendPasswordChanged(tx: Tx, user: NoticeRecipient): Promise<void> {
    const language = mailLanguage(user.language);
    await this.outbox.enqueue(
      tx,
      user.email,
      passwordChangedMail(this.brandingIn(language), { firstName: user.firstName, language }),
    );
  }

  /** "Your account has been deactivated", by staff. */
  async sendDeactivated(tx: Tx, user: NoticeRecipient): Promise<void> {
    const language = mailLanguage(user.language);
    await this.outbox.enqueue(
      tx,
      user.email,
      accountDeactivatedMail(this.brandingIn(language), { firstName: user.firstName, language }),
    );
  }

  /** "Someone new registered for <customer>", to one of the customer's other active users. */
  async sendNewAccessNotice(
    tx: Tx,
    to: NoticeRecipient,
    notice: {
      customerName: string;
      newcomer: { firstName: string; lastName: string; email: string };
    },
  ): Promise<void> {
    const language = mailLanguage(to.language);
    await this.outbox.enqueue(
      tx,
      to.email,
      newAccessNoticeMail(this.brandingIn(language), {
        firstName: to.firstName,
        language,
        ...notice,
      }),
    );
  }

  private async send(tx: Tx, user: MailRecipient, composed: TokenMail): Promise<void> {
    await this.tokens.issue(tx, user.id, composed.token);
    await this.outbox.enqueue(tx, user.email, composed.mail);
  }
}
