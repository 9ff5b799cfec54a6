// A test-side gdb: frames packets into a session and decodes what the session sends back,
// checking every checksum on the way, so tests talk in payloads instead of bytes.

import { bytesOf, stringOf } from "../hex.ts";
import { framePacket } from "../packet.ts";
import { GdbSession } from "../session.ts";
import type { GdbTarget } from "../target.ts";

/** One thing the stub sent: an ack, a nack, or a packet payload. */
export type WireItem = "+" | "-" | { packet: string };

export class Wire {
  readonly session: GdbSession;
  private pending = "";
  closed = false;
  readonly log: string[] = [];

  constructor(target: GdbTarget) {
    this.session = new GdbSession(
      target,
      { send: (b) => (this.pending += stringOf(b)), close: () => (this.closed = true) },
      { log: (l) => this.log.push(l) },
    );
  }

  /** Send raw bytes (possibly malformed) and return everything the stub answered. */
  raw(bytes: string): WireItem[] {
    this.session.receive(bytesOf(bytes));
    return this.drain();
  }

  /** Send one well-formed packet; returns the stub's items (ack first in ack mode). */
  send(payload: string): WireItem[] {
    return this.raw(stringOf(framePacket(payload)));
  }

  /** The packet replies to one well-formed packet, acks dropped. */
  ask(payload: string): string[] {
    return this.send(payload).flatMap((i) => (typeof i === "string" ? [] : [i.packet]));
  }

  /** The single reply to a packet; throws naming the packet when there is not exactly one. */
  one(payload: string): string {
    const replies = this.ask(payload);
    if (replies.length !== 1) throw new Error(`expected one reply to ${JSON.stringify(payload)}, got ${JSON.stringify(replies)}`);
    return replies[0]!;
  }

  /** Whatever the stub sent since the last call (e.g. a stop reply after a timer). */
  drain(): WireItem[] {
    const items: WireItem[] = [];
    let s = this.pending;
    while (s.length > 0) {
      if (s[0] === "+" || s[0] === "-") {
        items.push(s[0]);
        s = s.slice(1);
        continue;
      }
      const m = /^\$([^#]*)#([0-9a-f]{2})/.exec(s);
      if (m === null) throw new Error(`stub sent bytes that are not a packet: ${JSON.stringify(s.slice(0, 60))}`);
      let sum = 0;
      for (let i = 0; i < m[1]!.length; i++) sum = (sum + m[1]!.charCodeAt(i)) & 0xff;
      if (sum !== parseInt(m[2]!, 16)) throw new Error(`stub sent a bad checksum on ${JSON.stringify(m[0])}`);
      items.push({ packet: m[1]! });
      s = s.slice(m[0].length);
    }
    this.pending = "";
    return items;
  }
}
