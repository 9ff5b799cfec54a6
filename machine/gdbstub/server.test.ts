// The TCP server with the real gdb and with raw sockets, against the fake target. (Tests of
// the stub on the real machine are in machine-target.test.ts.)
import { afterEach, describe, expect, it } from "vitest";
import { parseGdbFlags } from "./cli-flags.ts";
import { framePacket } from "./packet.ts";
import { GdbServer } from "./server.ts";
import { FakeTarget, VIRT_BASE } from "./testing/fake-target.ts";
import { describeRun, runGdbBatch } from "./testing/gdb-batch.ts";
import { RawPeer } from "./testing/raw-peer.ts";

let servers: GdbServer[] = [];
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

async function serve(target: FakeTarget): Promise<GdbServer> {
  const s = await GdbServer.listen(target, { port: 0 });
  servers.push(s);
  return s;
}

const packet = (p: string): Uint8Array => framePacket(p);

describe("gdb stub over TCP (fake target)", () => {
  it("shows each CPU as a thread to the real gdb, with registers, memory, monitor and stepi", async () => {
    const t = new FakeTarget(4);
    t.regs.forEach((r, i) => (r.eax = 0xa0 + i));
    const s = await serve(t);
    const run = await runGdbBatch({
      port: s.port,
      commands: [
        "info threads",
        "thread 3",
        "info registers",
        "monitor info lapic",
        `x/4wx 0x${(VIRT_BASE + 0x100).toString(16)}`,
        "maint packet Qqemu.PhyMemMode:1",
        "x/2wx 0x200",
        "maint packet Qqemu.PhyMemMode:0",
        "thread 2",
        "stepi",
        "p/x $eip",
      ],
    });
    const out = run.stdout + run.stderr;
    const why = describeRun(run);
    expect(run.timedOut, why).toBe(false);
    expect(out, why).toMatch(/1\s+Thread 1\.1 \(CPU#0 \[running\]\)/);
    expect(out, why).toMatch(/4\s+Thread 1\.4 \(CPU#3 \[halted \]\)/);
    expect(out, why).toMatch(/eax\s+0xa2\s/); // thread 3 is CPU#2
    expect(out, why).toMatch(/cr0\s+0x80000011\s+\[ PE ET PG \]/);
    expect(out, why).toMatch(/ID\s+0x02000000/);
    expect(out, why).toContain("0xc0000100:\t0x03020100\t0x07060504\t0x0b0a0908\t0x0f0e0d0c");
    expect(out, why).toContain("0x200:\t0x03020100\t0x07060504");
    expect(t.regs[1]!.eip, why).toBe(0x1011);
    expect(out, why).toContain("$1 = 0x1011");
  });

  it("answers bad checksums, malformed and unknown packets over TCP and keeps serving", async () => {
    const t = new FakeTarget(2);
    const s = await serve(t);
    const peer = await RawPeer.open(s.port);
    expect(await peer.exchange("$qC#00", /-/)).toBe("-");
    expect(await peer.exchange(packet("m12,zz"), /#[0-9a-f]{2}/)).toBe("+" + new TextDecoder().decode(packet("E22")));
    expect(await peer.exchange(packet("qNoSuchThing"), /#[0-9a-f]{2}/)).toBe("+$#00");
    // Line noise between packets is skipped: only the answer to the packet that follows comes back.
    const noisy = Buffer.concat([Buffer.from("garbage\x00\xff", "latin1"), packet("qC")]);
    expect(await peer.exchange(noisy, /#[0-9a-f]{2}/)).toBe("+" + new TextDecoder().decode(packet("QC01")));
    expect(s.connected).toBe(true);
  });

  it("serves one gdb at a time and accepts a new one after the first leaves", async () => {
    const t = new FakeTarget(2);
    const s = await serve(t);
    const first = await RawPeer.open(s.port);
    await first.exchange(packet("qAttached"), /#[0-9a-f]{2}/);
    const second = await RawPeer.open(s.port);
    for (let i = 0; i < 100 && !second.closed; i++) await new Promise((r) => setTimeout(r, 10));
    expect(second.closed).toBe(true);
    first.socket.destroy();
    for (let i = 0; i < 100 && s.connected; i++) await new Promise((r) => setTimeout(r, 10));
    expect(t.detached).toBe(true);
    const third = await RawPeer.open(s.port);
    expect(await third.exchange(packet("qAttached"), /#[0-9a-f]{2}/)).toBe("+$1#31");
  });

  it("says which port is busy", async () => {
    const s = await serve(new FakeTarget(1));
    await expect(GdbServer.listen(new FakeTarget(1), { port: s.port })).rejects.toThrow(`127.0.0.1:${s.port}: it is already in use`);
  });
});

describe("QEMU's debugger flags", () => {
  it("parses -s, -S and -gdb tcp::PORT and leaves the rest", () => {
    expect(parseGdbFlags(["-kernel", "k.elf", "-s", "-S"])).toEqual({ port: 1234, hold: true, rest: ["-kernel", "k.elf"] });
    expect(parseGdbFlags(["-gdb", "tcp::4321", "-smp", "4"])).toEqual({ port: 4321, hold: false, rest: ["-smp", "4"] });
    expect(parseGdbFlags(["-gdb", "tcp:localhost:99"]).port).toBe(99);
    expect(parseGdbFlags(["-m", "64"])).toEqual({ hold: false, rest: ["-m", "64"] });
  });

  it("refuses non-loopback and malformed devices with a sentence", () => {
    expect(() => parseGdbFlags(["-gdb", "tcp:0.0.0.0:1234"])).toThrow("127.0.0.1 only");
    expect(() => parseGdbFlags(["-gdb"])).toThrow("-gdb needs a device");
    expect(() => parseGdbFlags(["-gdb", "tcp::70000"])).toThrow("not between 1 and 65535");
  });
});
