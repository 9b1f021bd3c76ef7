import { waitUntil } from "../../test/wait";
import type { Config } from "../config/config";
import { createLogger } from "../logging/logger";
import type { MailTransport } from "./mail.transport";
import { MailWorker, retryDelayMs } from "./mail.worker";
import type { OutboxMessage, OutboxRepository } from "./outbox.repository";

test("the retry delay doubles with each attempt, within half to all of the ceiling", () => {
  expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
  expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
  expect(retryDelayMs(3, 1000, 60_000, () => 1)).toBe(4000);
});

test("the retry delay never exceeds the maximum", () => {
  expect(retryDelayMs(40, 1000, 60_000, () => 1)).toBe(60_000);
});

describe("MailWorker", () => {
  /** An outbox in memory: messages become due when added. */
  function memoryOutbox() {
    const due: OutboxMessage[] = [];
    const sent: string[] = [];
    return {
      due,
      sent,
      add(id: string) {
        due.push({ id, to_address: `${id}@example.test`, subject: "s", text_body: "t", html_body: "h", attempts: 1 });
      },
      claimDue: async (limit: number) => due.splice(0, limit),
      markSent: async (ids: string[]) => void sent.push(...ids),
      markFailed: async () => {},
    };
  }
  const config: Config["mail"] = { smtpUrl: null, devMailbox: true, from: "portal@example.test", pollIntervalMs: 60_000, retryBaseMs: 1000, retryMaxMs: 60_000, maxAttempts: 5 };

  test("mail queued while a pass is running goes out right after it, not at the next poll", async () => {
    const outbox = memoryOutbox();
    let worker: MailWorker | undefined = undefined;
    const transport: MailTransport = {
      via: "dev-mailbox",
      // While the first message is being delivered, a second one is committed and the worker kicked.
      send: async (message) => {
        if (message.to === "first@example.test") {
          outbox.add("second");
          worker!.kick();
        }
      },
      close: () => {},
    };
    worker = new MailWorker(outbox as unknown as OutboxRepository, transport, config, createLogger("silent"));
    outbox.add("first");
    worker.start();
    try {
      // The poll is a minute away: only the kick can have sent the second message in time.
      expect(await waitUntil(async () => [...outbox.sent], (sent) => sent.includes("second"), 2000)).toEqual(["first", "second"]);
    } finally {
      await worker.stop();
    }
  });
});
