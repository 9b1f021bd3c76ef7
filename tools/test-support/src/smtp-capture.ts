import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CapturedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, as sent (with its angle brackets); "" when there was none. */
  messageId: string;
}

/** A real SMTP server on loopback that keeps every message it receives, parsed. */
export class SmtpCapture {
  readonly messages: CapturedMail[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  /** `delayMs`: how long the server takes to accept each message (a slow relay). */
  async start(port = 0, options: { delayMs?: number } = {}): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      // stop() waits at most this long for clients still connected (a process killed mid-message).
      closeTimeout: 1000,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail: ParsedMail) => {
            const to = Array.isArray(mail.to) ? mail.to[0] : mail.to;
            this.messages.push({
              to: to?.value[0]?.address ?? "",
              subject: mail.subject ?? "",
              text: mail.text ?? "",
              html: typeof mail.html === "string" ? mail.html : "",
              messageId: mail.messageId ?? "",
            });
            setTimeout(callback, options.delayMs ?? 0);
          })
          .catch(callback);
      },
    });
    this.server.on("error", () => {
      // A client that goes away mid-conversation (an API process killed on purpose) is expected.
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Waits until a message to `to` (matching `subject`, when given) arrives. */
  async waitFor(to: string, subject?: RegExp, timeoutMs = 15_000): Promise<CapturedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find((m) => m.to === to && (!subject || subject.test(m.subject)));
      if (found) {
        this.messages.splice(this.messages.indexOf(found), 1);
        return found;
      }
      if (Date.now() > deadline) throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}

export function tokenFrom(mail: CapturedMail, path: string): string {
  const match = new RegExp(`http://portal\\.test/${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in mail: ${mail.text}`);
  return match[1]!;
}
