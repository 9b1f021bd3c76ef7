import net from "node:net";
import type { AddressInfo } from "node:net";
import type { Scope } from "./scope";

/**
 * A TCP proxy on loopback that forwards both ways and can stall: while stalled it keeps every
 * connection open and reads nothing (both sides paused; bytes wait in the sockets, none is dropped),
 * as a server that stopped answering or a congested link looks to a client.
 */
export class StallingProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  private stalled = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(scope: Scope): Promise<this> {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        if (this.stalled) socket.pause();
        socket.on("error", () => socket.destroy());
        socket.on("close", () => {
          this.sockets.delete(socket);
          client.destroy();
          upstream.destroy();
        });
      }
      this.forward(client, upstream);
      this.forward(upstream, client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    scope.defer("stop stalling proxy", () => this.stop());
    return this;
  }

  /** Copies `from` to `to`, holding `from` while `to` is full (and not resuming it while stalled). */
  private forward(from: net.Socket, to: net.Socket) {
    from.on("data", (chunk: Buffer) => {
      if (!to.write(chunk)) {
        from.pause();
        to.once("drain", () => {
          if (!this.stalled) from.resume();
        });
      }
    });
  }

  get connections(): number {
    return this.sockets.size / 2;
  }

  stall(): void {
    this.stalled = true;
    for (const socket of this.sockets) socket.pause();
  }

  resume(): void {
    this.stalled = false;
    for (const socket of this.sockets) socket.resume();
  }

  private async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
