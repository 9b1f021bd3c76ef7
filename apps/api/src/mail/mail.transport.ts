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
    /**
     * The Message-ID header, the same each time one outbox message is sent, so a receiving system
     * that sees it twice (sent again after its "sent" mark was lost) can drop the copy.
     */
    messageId: string;
  }): Promise<void>;
  /**
   * Whether the mail server answers and accepts our login (SMTP EHLO and AUTH, nothing sent), for
   * /readyz. Remembered for a few seconds so a load balancer's probes do not each open a connection.
   */
  check(): Promise<boolean>;
  close(): void;
}

const CHECK_TTL_MS = 15_000;

/**
 * SMTP through nodemailer when SMTP_URL is set. Otherwise the development mailbox: messages are
 * marked delivered in the outbox and listed at /dev/mailbox, nothing leaves the machine.
 */
export function createMailTransport(mail: Config["mail"]): MailTransport {
  if (!mail.smtpUrl) {
    return {
      via: "dev-mailbox",
      send: async () => {},
      check: () => Promise.resolve(true),
      close: () => {},
    };
  }
  const transporter = nodemailer.createTransport(mail.smtpUrl, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  let checked: { at: number; answer: Promise<boolean> } | undefined;
  return {
    via: "smtp",
    check: () => {
      if (checked === undefined || Date.now() - checked.at > CHECK_TTL_MS)
        checked = {
          at: Date.now(),
          answer: transporter.verify().then(
            () => true,
            () => false,
          ),
        };
      return checked.answer;
    },
    send: async (message) => {
      await transporter.sendMail(message);
    },
    close: () => transporter.close(),
  };
}
