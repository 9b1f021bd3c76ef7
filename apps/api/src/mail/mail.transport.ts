import nodemailer from "nodemailer";
import type { Config } from "../config/config";

export interface MailTransport {
  /** Where messages go, recorded on each sent message. */
  via: "smtp" | "dev-mailbox";
  send(message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    html: string;
  }): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer when SMTP_URL is set. Otherwise the development mailbox: messages are
 * marked delivered in the outbox and listed at /dev/mailbox, nothing leaves the machine.
 */
export function createMailTransport(mail: Config["mail"]): MailTransport {
  if (!mail.smtpUrl) {
    return { via: "dev-mailbox", send: async () => {}, close: () => {} };
  }
  const transporter = nodemailer.createTransport(mail.smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  return {
    via: "smtp",
    send: async (message) => {
      await transporter.sendMail(message);
    },
    close: () => transporter.close(),
  };
}
