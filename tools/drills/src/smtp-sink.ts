import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import type { Scope } from "./scope";

/** A loopback SMTP server that accepts every message and keeps only who it was for and when. */
export class SmtpSink {
  readonly received: { to: string; atMs: number }[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  /** `delayMs`: how long it takes to accept each message (a slow relay). */
  async start(scope: Scope, delayMs = 0): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      closeTimeout: 1000,
      onData: (stream, session, callback) => {
        stream.on("data", () => {});
        stream.on("end", () => {
          for (const rcpt of session.envelope.rcptTo)
            this.received.push({ to: rcpt.address.toLowerCase(), atMs: Date.now() });
          setTimeout(callback, delayMs);
        });
      },
    });
    this.server.on("error", () => {
      // A client (the API process) killed mid-conversation is expected here.
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    scope.defer(
      "stop SMTP sink",
      () => new Promise<void>((resolve) => this.server!.close(() => resolve())),
    );
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }
}
