import { waitUntil } from "@portal/test-support";
import type { Config } from "../config/config";
import { createLogger } from "../logging/logger";
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
    const released: string[] = [];
    const renewed: string[][] = [];
    /** Calls that fail next (a connection cut under them), by method. */
    const failNext = { markSent: 0, markFailed: 0 };
    const cut = (method: keyof typeof failNext) => {
      if (failNext[method] === 0) return;
      failNext[method]--;
      throw new Error("Connection terminated unexpectedly");
    };
    return {
      due,
      sent,
      released,
      renewed,
      failNext,
      add(id: string) {
        due.push({
          id,
          to_address: `${id}@example.test`,
          subject: "s",
          text_body: "t",
          html_body: "h",
          attempts: 1,
        });
      },
      claimDue: async (limit: number) => due.splice(0, limit),
      markSent: async (ids: string[]) => {
        cut("markSent");
        sent.push(...ids);
      },
      markFailed: async () => cut("markFailed"),
      release: async (ids: string[]) => void released.push(...ids),
      renew: async (ids: string[]) => {
        renewed.push(ids);
        return ids;
      },
    };
  }
  const config: Config["mail"] = {
    smtpUrl: null,
    devMailbox: true,
    from: "portal@example.test",
    pollIntervalMs: 60_000,
    retryBaseMs: 1000,
    retryMaxMs: 60_000,
    maxAttempts: 5,
  };
  type Transport = ConstructorParameters<typeof MailWorker>[1];
  type Outbox = ReturnType<typeof memoryOutbox>;

  /** A transport through `via` that delivers with `send`. */
  const transportOf = (via: Transport["via"], send: Transport["send"]): Transport => ({
    via,
    send,
    close: () => {},
  });

  /** A worker on the memory outbox and `transport`, logging nothing. */
  const workerOn = (outbox: Outbox, transport: Transport, mail: Config["mail"] = config) =>
    new MailWorker(outbox as unknown as OutboxRepository, transport, mail, createLogger("silent"));

  test("mail queued while a pass is running goes out right after it, not at the next poll", async () => {
    const outbox = memoryOutbox();
    let worker: MailWorker | undefined = undefined;
    const transport = transportOf(
      "dev-mailbox",
      // While the first message is being delivered, a second one is committed and the worker kicked.
      async (message) => {
        if (message.to === "first@example.test") {
          outbox.add("second");
          worker!.kick();
        }
      },
    );
    worker = workerOn(outbox, transport);
    outbox.add("first");
    worker.start();
    try {
      // The poll is a minute away: only the kick can have sent the second message in time.
      expect(
        await waitUntil(
          async () => [...outbox.sent],
          (sent) => sent.includes("second"),
          2000,
        ),
      ).toEqual(["first", "second"]);
    } finally {
      await worker.stop();
    }
  });

  /** A transport whose deliveries take `ms` each, counting how many run at the same time. */
  function slowTransport(ms: number) {
    const state = { concurrent: 0, most: 0 };
    const transport = transportOf("smtp", async () => {
      state.most = Math.max(state.most, ++state.concurrent);
      await new Promise((resolve) => setTimeout(resolve, ms));
      state.concurrent--;
    });
    return { transport, state };
  }

  test("kicks during a slow pass never start a second pass beside it", async () => {
    const outbox = memoryOutbox();
    const { transport, state } = slowTransport(30);
    const worker = workerOn(outbox, transport);
    for (let i = 0; i < 5; i++) outbox.add(`m${i}`);
    worker.start();
    try {
      for (let i = 0; i < 10; i++) {
        await new Promise((resolve) => setTimeout(resolve, 25));
        outbox.add(`k${i}`);
        worker.kick();
      }
      expect(
        await waitUntil(
          async () => outbox.sent.length,
          (n) => n === 15,
          5000,
        ),
      ).toBe(15);
      expect(state.most).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  test("stop lets the message being delivered finish, marks it sent and gives the rest of the batch back untried", async () => {
    const outbox = memoryOutbox();
    const { transport } = slowTransport(200);
    const worker = workerOn(outbox, transport);
    for (let i = 0; i < 6; i++) outbox.add(`m${i}`);
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 300)); // m0 delivered, m1 on its way
    await worker.stop();
    expect(outbox.sent).toEqual(["m0", "m1"]);
    expect(outbox.released.sort()).toEqual(["m2", "m3", "m4", "m5"]);
  });

  /** A transport that records what it was given, failing with `error` when set. */
  function recordingTransport(error?: Error) {
    const given: { to: string; messageId: string }[] = [];
    const transport = transportOf("smtp", async (message) => {
      given.push({ to: message.to, messageId: message.messageId });
      if (error) throw error;
    });
    return { transport, given };
  }

  test("each message carries a Message-ID made of its outbox id and the From domain, the same on every send", async () => {
    const outbox = memoryOutbox();
    const { transport, given } = recordingTransport();
    const worker = workerOn(outbox, transport, {
      ...config,
      from: '"Portal" <no-reply@portal.example>',
    });
    outbox.add("6f1c0a52-0000-4000-8000-000000000001");
    await worker.drain();
    outbox.add("6f1c0a52-0000-4000-8000-000000000001");
    await worker.drain();
    expect(given.map((g) => g.messageId)).toEqual([
      "<6f1c0a52-0000-4000-8000-000000000001@portal.example>",
      "<6f1c0a52-0000-4000-8000-000000000001@portal.example>",
    ]);
  });

  test("a mark that fails (connection cut) is tried again; the message is not sent again", async () => {
    const outbox = memoryOutbox();
    const { transport, given } = recordingTransport();
    const worker = workerOn(outbox, transport);
    outbox.add("m0");
    outbox.add("m1");
    outbox.failNext.markSent = 2;
    await worker.drain();
    expect(outbox.sent).toEqual(["m0", "m1"]);
    expect(given.map((g) => g.to)).toEqual(["m0@example.test", "m1@example.test"]);
    expect(outbox.released).toEqual([]);
  });

  test("a failed delivery whose failure cannot be recorded is given back, and the rest of the batch is sent", async () => {
    const outbox = memoryOutbox();
    let calls = 0;
    const transport = transportOf("smtp", async () => {
      if (calls++ === 0) throw new Error("451 try again later");
    });
    const worker = workerOn(outbox, transport);
    outbox.add("m0");
    outbox.add("m1");
    outbox.failNext.markFailed = 1;
    await worker.drain();
    expect(outbox.released).toEqual(["m0"]);
    expect(outbox.sent).toEqual(["m1"]);
  });

  test("the lease of a batch is renewed while a slow delivery runs, and no longer once it is marked", async () => {
    const outbox = memoryOutbox();
    const { transport } = slowTransport(3500);
    const worker = workerOn(outbox, transport);
    outbox.add("m0");
    await worker.drain();
    expect(outbox.renewed.length).toBeGreaterThanOrEqual(1);
    expect(outbox.renewed.every((ids) => ids.length === 1 && ids[0] === "m0")).toBe(true);
    const renewals = outbox.renewed.length;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(outbox.renewed.length).toBe(renewals);
  });
  test("a message claimed by another instance meanwhile is neither sent nor given back by this one", async () => {
    const outbox = memoryOutbox();
    // The renewal during the first (slow) delivery finds m1 claimed again elsewhere.
    outbox.renew = async (ids: string[]) => {
      outbox.renewed.push(ids);
      return ids.filter((id) => id !== "m1");
    };
    const { transport } = slowTransport(2000);
    const worker = workerOn(outbox, transport);
    outbox.add("m0");
    outbox.add("m1");
    outbox.add("m2");
    await worker.drain();
    expect(outbox.sent).toEqual(["m0", "m2"]);
    expect(outbox.released).toEqual([]);
  });

  test("after renewals go unanswered for longer than the lease, the rest of the batch is left to its next claim", async () => {
    const outbox = memoryOutbox();
    outbox.renew = async () => {
      throw new Error("Connection terminated unexpectedly");
    };
    // The first delivery outlasts the lease (5 s) with no renewal answered.
    const { transport } = slowTransport(4500);
    const worker = workerOn(outbox, transport);
    outbox.add("m0");
    outbox.add("m1");
    await worker.drain();
    expect(outbox.sent).toEqual(["m0"]);
  }, 20_000);
});
