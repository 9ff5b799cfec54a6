import { describe, expect, it } from "vitest";
import { bytesOf, fromHex, parseHexNumber, stringOf, textToHex, toHex } from "./hex.ts";
import { escapeBinary, framePacket, PacketFramer, type FramerEvent } from "./packet.ts";

const feed = (f: PacketFramer, s: string): FramerEvent[] => f.feed(bytesOf(s));

describe("packet framing", () => {
  it("frames with a modulo-256 checksum of the payload", () => {
    // "OK" = 0x4f + 0x4b = 0x9a, the value every gdb stub sends.
    expect(stringOf(framePacket("OK"))).toBe("$OK#9a");
    expect(stringOf(framePacket(""))).toBe("$#00");
  });

  it("accepts a packet split at every possible point", () => {
    const wire = "+$qSupported:multiprocess+#" + stringOf(framePacket("qSupported:multiprocess+")).slice(-2);
    for (let cut = 0; cut <= wire.length; cut++) {
      const f = new PacketFramer();
      const events = [...feed(f, wire.slice(0, cut)), ...feed(f, wire.slice(cut))];
      expect(events, `split at ${cut}`).toEqual([{ kind: "ack" }, { kind: "packet", payload: "qSupported:multiprocess+" }]);
    }
  });

  it("reports a wrong or non-hex checksum instead of a packet", () => {
    const f = new PacketFramer();
    expect(feed(f, "$g#00")).toEqual([{ kind: "bad-checksum", payload: "g" }]);
    expect(feed(f, "$g#zz")).toEqual([{ kind: "bad-checksum", payload: "g" }]);
    // The framer is back in sync afterwards.
    expect(feed(f, "$g#67")).toEqual([{ kind: "packet", payload: "g" }]);
  });

  it("accepts uppercase checksum digits", () => {
    expect(feed(new PacketFramer(), "$OK#9A")).toEqual([{ kind: "packet", payload: "OK" }]);
  });

  it("treats 0x03 between packets as an interrupt but as data inside one", () => {
    const f = new PacketFramer();
    expect(feed(f, "\x03")).toEqual([{ kind: "interrupt" }]);
    const inside = stringOf(framePacket("X0,1:\x03"));
    expect(feed(f, inside)).toEqual([{ kind: "packet", payload: "X0,1:\x03" }]);
  });

  it("undoes } escapes after checking the checksum over the escaped bytes", () => {
    const escaped = "X0,4:" + escapeBinary("a#}$");
    expect(escaped).toBe("X0,4:a}\x03}]}\x04");
    expect(feed(new PacketFramer(), stringOf(framePacket(escaped)))).toEqual([{ kind: "packet", payload: "X0,4:a#}$" }]);
  });

  it("resynchronises on a new $ inside a packet that was cut short", () => {
    expect(feed(new PacketFramer(), "$m0,4$g#67")).toEqual([{ kind: "packet", payload: "g" }]);
  });

  it("drops an over-long packet and recovers", () => {
    const f = new PacketFramer(16);
    expect(feed(f, "$" + "a".repeat(40) + "#00")).toEqual([{ kind: "overflow" }]);
    expect(feed(f, "$g#67")).toEqual([{ kind: "packet", payload: "g" }]);
  });

  it("ignores line noise between packets", () => {
    expect(feed(new PacketFramer(), "xyz\r\n$g#67")).toEqual([{ kind: "packet", payload: "g" }]);
  });
});

describe("hex helpers", () => {
  it("round-trip bytes and reject bad hex", () => {
    expect(toHex(new Uint8Array([0, 0xab, 0xff]))).toBe("00abff");
    expect(fromHex("00AbfF")).toEqual(new Uint8Array([0, 0xab, 0xff]));
    expect(fromHex("abc")).toBeUndefined();
    expect(fromHex("zz")).toBeUndefined();
    expect(textToHex("CPU#0")).toBe("43505523 30".replace(" ", ""));
  });

  it("parse 32-bit numbers only", () => {
    expect(parseHexNumber("ffffffff")).toBe(0xffffffff);
    expect(parseHexNumber("100000000")).toBeUndefined();
    expect(parseHexNumber("")).toBeUndefined();
    expect(parseHexNumber("-1")).toBeUndefined();
  });
});
