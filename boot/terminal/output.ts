// Where a terminal run's output goes (guest serial, monitor text, -d logs, messages), written
// so that a reader who stops reading never stops the process. A synchronous write to a pipe
// whose reader has stalled (`damselfly | slow-consumer`, a CI log collector that has hung)
// blocks the whole event loop, and with it the signal handlers: that is how `timeout` once
// sent SIGTERM to damselfly in vain. So stdout and stderr go through Node's own streams
// (pipes and sockets queue asynchronously there, terminals and files are written at once),
// with a bound on what may queue; files named by -serial and -D are written at once.

import { writeSync } from "node:fs";

/** Queued output beyond this is dropped (and counted) rather than held in memory. */
export const MAX_QUEUED_BYTES = 64 << 20;

export class TerminalOutput {
  private dropped = 0;
  private abandoned = false;
  private readonly stream: NodeJS.WriteStream | undefined;
  /** Bytes collected since the last write (guest output comes a byte at a time). */
  private pending: number[] = [];
  private scheduled = false;

  /** `fd` 1 and 2 are stdout and stderr; any other is a file this run opened. */
  constructor(private readonly fd: number) {
    this.stream = fd === 1 ? process.stdout : fd === 2 ? process.stderr : undefined;
    // EPIPE and the like: the stream is destroyed and later output dropped (see put()).
    this.stream?.on("error", () => {});
  }

  /** Guest output: collected and written in few large writes (one per event-loop turn). */
  pushByte(byte: number): void {
    this.pending.push(byte);
    if (this.pending.length >= 4096) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Text (monitor, logs, messages): after any collected guest output, in order. */
  write(data: string | Uint8Array): void {
    this.flush();
    this.put(typeof data === "string" ? Buffer.from(data) : data);
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending);
    this.pending = [];
    this.put(bytes);
  }

  /** Bytes dropped because the reader did not keep up (more than MAX_QUEUED_BYTES waited). */
  get droppedBytes(): number {
    return this.dropped;
  }

  /**
   * Resolves when everything written so far has left the process, or once `abandon()` is
   * called (a signal is ending the run: a stalled reader must not hold the exit up).
   */
  async drained(): Promise<void> {
    this.flush();
    const s = this.stream;
    while (s !== undefined && !this.abandoned && !s.destroyed && s.writableLength > 0) await new Promise((r) => setTimeout(r, 5));
  }

  abandon(): void {
    this.abandoned = true;
  }

  private put(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const s = this.stream;
    if (s === undefined) {
      writeFile(this.fd, bytes);
      return;
    }
    if (s.destroyed) return; // the reader went away (EPIPE): drop output, keep the machine honest
    if (s.writableLength + bytes.length > MAX_QUEUED_BYTES) {
      this.dropped += bytes.length;
      return;
    }
    s.write(bytes);
  }
}

/** A file this run opened (-serial file:, -D): writes complete without waiting on anyone. */
function writeFile(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(fd, bytes, off);
    } catch {
      return; // a full disk or a closed file: drop output, keep the machine running
    }
  }
}
