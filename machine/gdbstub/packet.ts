// Packet framing of the GDB Remote Serial Protocol: `$payload#cs` with a modulo-256
// checksum, `+`/`-` acknowledgements, `}` escapes in binary data, and the out-of-band 0x03
// byte that asks a running target to stop.
//
// The framer is a byte-at-a-time state machine because TCP delivers arbitrary fragments: a
// packet may arrive split anywhere, or several in one read.

import { hex2, stringOf } from "./hex.ts";

/** What the byte stream from gdb contained, in order. */
export type FramerEvent =
  /** A packet whose checksum matched; `payload` is the unescaped byte string. */
  | { kind: "packet"; payload: string }
  /** A packet whose checksum did not match (or was not hex): the peer must resend it. */
  | { kind: "bad-checksum"; payload: string }
  /** A packet longer than the framer accepts; it was discarded. */
  | { kind: "overflow" }
  /** 0x03 between packets: stop the target. */
  | { kind: "interrupt" }
  | { kind: "ack" }
  | { kind: "nack" };

const DOLLAR = 0x24;
const HASH = 0x23;
const ESCAPE = 0x7d; // '}'
const INTERRUPT = 0x03;
const PLUS = 0x2b;
const MINUS = 0x2d;

const enum State {
  Idle,
  Data,
  Checksum1,
  Checksum2,
}

export class PacketFramer {
  private state = State.Idle;
  private raw: number[] = [];
  private sum = 0;
  private checksumText = "";

  /**
   * @param maxPayload longest payload accepted, in escaped bytes. We advertise PacketSize in
   *   qSupported; gdb never sends more, so anything longer is garbage and must not grow
   *   without bound.
   */
  constructor(private readonly maxPayload = 0x10000) {}

  feed(bytes: Uint8Array): FramerEvent[] {
    const events: FramerEvent[] = [];
    for (const b of bytes) {
      switch (this.state) {
        case State.Idle:
          if (b === DOLLAR) this.begin();
          else if (b === INTERRUPT) events.push({ kind: "interrupt" });
          else if (b === PLUS) events.push({ kind: "ack" });
          else if (b === MINUS) events.push({ kind: "nack" });
          // Anything else between packets is line noise; gdb ignores it too.
          break;
        case State.Data:
          if (b === HASH) {
            this.state = State.Checksum1;
          } else if (b === DOLLAR) {
            // A new start marker means the previous packet was cut short; resynchronise on it.
            this.begin();
          } else if (this.raw.length >= this.maxPayload) {
            events.push({ kind: "overflow" });
            this.state = State.Idle;
            this.raw = [];
          } else {
            this.raw.push(b);
            this.sum = (this.sum + b) & 0xff;
          }
          break;
        case State.Checksum1:
          this.checksumText = String.fromCharCode(b);
          this.state = State.Checksum2;
          break;
        case State.Checksum2: {
          this.checksumText += String.fromCharCode(b);
          const payload = unescape(this.raw);
          const ok = /^[0-9a-fA-F]{2}$/.test(this.checksumText) && parseInt(this.checksumText, 16) === this.sum;
          events.push(ok ? { kind: "packet", payload } : { kind: "bad-checksum", payload });
          this.state = State.Idle;
          this.raw = [];
          break;
        }
      }
    }
    return events;
  }

  private begin(): void {
    this.state = State.Data;
    this.raw = [];
    this.sum = 0;
  }
}

/** Remove `}` escapes (the escaped byte is XORed with 0x20). The checksum covers the escaped form. */
function unescape(raw: number[]): string {
  const out = new Uint8Array(raw.length);
  let n = 0;
  for (let i = 0; i < raw.length; i++) {
    const b = raw[i]!;
    if (b === ESCAPE && i + 1 < raw.length) out[n++] = raw[++i]! ^ 0x20;
    else out[n++] = b;
  }
  return stringOf(out.subarray(0, n));
}

/**
 * Escape a byte string for a binary reply (qXfer): `$`, `#`, `}` always, and `*` because gdb
 * would read it as a run-length marker.
 */
export function escapeBinary(data: string): string {
  return data.replace(/[$#}*]/g, (c) => "}" + String.fromCharCode(c.charCodeAt(0) ^ 0x20));
}

/** Frame a payload (a byte string, already escaped where binary) as `$payload#cs`. */
export function framePacket(payload: string): Uint8Array {
  let sum = 0;
  for (let i = 0; i < payload.length; i++) sum = (sum + payload.charCodeAt(i)) & 0xff;
  const text = "$" + payload + "#" + hex2(sum);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}
