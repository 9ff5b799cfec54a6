// The TCP side of the stub: listens on the loopback interface only (a debugger can read and
// write all guest memory, so it must never be reachable from the network by default) and
// serves one gdb at a time, as QEMU's `-gdb tcp::PORT` does. This is the only file of the
// stub that imports Node modules; the protocol core is transport-agnostic.

import { createServer, type Server, type Socket } from "node:net";
import { GdbSession } from "./session.ts";
import type { GdbTarget } from "./target.ts";

export const LOOPBACK = "127.0.0.1";

export interface GdbServerOptions {
  /** TCP port; 0 picks a free one (read it back from `port`). */
  port: number;
  log?: (line: string) => void;
}

export class GdbServer {
  private session: GdbSession | undefined;
  private socket: Socket | undefined;

  private constructor(
    private readonly server: Server,
    private readonly target: GdbTarget,
    private readonly log: (line: string) => void,
  ) {
    server.on("connection", (socket) => this.accept(socket));
  }

  /** Start listening; rejects with a sentence naming the port when it cannot. */
  static listen(target: GdbTarget, options: GdbServerOptions): Promise<GdbServer> {
    const log = options.log ?? (() => {});
    const server = createServer();
    const stub = new GdbServer(server, target, log);
    return new Promise((resolve, reject) => {
      server.once("error", (e: NodeJS.ErrnoException) => {
        const why = e.code === "EADDRINUSE" ? "it is already in use" : e.message;
        reject(new Error(`gdb stub: cannot listen on ${LOOPBACK}:${options.port}: ${why}`));
      });
      server.listen(options.port, LOOPBACK, () => {
        server.removeAllListeners("error");
        server.on("error", (e) => log(`gdb stub: ${String(e)}`));
        resolve(stub);
      });
    });
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === "object" && address !== null ? address.port : 0;
  }

  /** True while a gdb is connected. */
  get connected(): boolean {
    return this.session !== undefined;
  }

  private accept(socket: Socket): void {
    if (this.session !== undefined) {
      // One debugger at a time: two would fight over the same stopped CPUs.
      this.log(`gdb stub: refused a second connection from ${socket.remoteAddress ?? "?"}`);
      socket.destroy();
      return;
    }
    socket.setNoDelay(true); // every packet is a round trip; Nagle would add 40 ms to each
    this.socket = socket;
    const session = new GdbSession(
      this.target,
      {
        send: (bytes) => {
          if (!socket.destroyed) socket.write(bytes);
        },
        close: () => socket.end(),
      },
      { log: this.log },
    );
    this.session = session;
    socket.on("data", (data: Buffer) => session.receive(new Uint8Array(data.buffer, data.byteOffset, data.length)));
    const gone = (): void => {
      if (this.session !== session) return;
      this.session = undefined;
      this.socket = undefined;
      session.disconnected();
    };
    socket.on("close", gone);
    socket.on("error", (e) => {
      this.log(`gdb stub: connection error: ${e.message}`);
      gone();
    });
  }

  /** Stop listening and drop the connected gdb, if any. */
  close(): Promise<void> {
    this.socket?.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
