// A raw TCP peer for stub tests that need exact bytes (bad checksums, Ctrl-C, noise) rather
// than what gdb would send.
import { connect, type Socket } from "node:net";

export class RawPeer {
  private received = "";
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.on("data", (d: Buffer) => (this.received += d.toString("latin1")));
    socket.on("close", () => (this.closed = true));
  }

  static open(port: number): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const s = connect(port, "127.0.0.1", () => resolve(new RawPeer(s)));
      s.on("error", reject);
    });
  }

  write(bytes: string | Uint8Array): void {
    this.socket.write(typeof bytes === "string" ? Buffer.from(bytes, "latin1") : bytes);
  }

  /**
   * Wait (up to 3 s) until what arrived matches `re`; consume everything up to the match and
   * return the match. The error names what was expected and what came instead.
   */
  async until(re: RegExp, what: string): Promise<string> {
    for (let i = 0; i < 300; i++) {
      const match = re.exec(this.received);
      if (match !== null) {
        this.received = this.received.slice(match.index + match[0].length);
        return match[0];
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`expected ${what} (${re}), received ${JSON.stringify(this.received)}`);
  }

  /** Write, then return everything that arrived up to the end of the first match of `re`. */
  async exchange(bytes: string | Uint8Array, re: RegExp): Promise<string> {
    this.write(bytes);
    const all = new RegExp(`^[\\s\\S]*?(?:${re.source})`);
    return this.until(all, `a reply matching ${re} to ${JSON.stringify(typeof bytes === "string" ? bytes : Buffer.from(bytes).toString("latin1"))}`);
  }

  /** Everything received and not yet consumed. */
  get pending(): string {
    return this.received;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
