import { describe, expect, it } from "vitest";
import { hexToText, le32Hex, textToHex, toHex } from "./hex.ts";
import { escapeBinary } from "./packet.ts";
import { G_PACKET_BYTES, REGISTERS, TARGET_DOCUMENTS } from "./target-description.ts";
import { FakeTarget, VIRT_BASE } from "./testing/fake-target.ts";
import { Wire } from "./testing/wire.ts";

function attach(cpus = 4, multiprocess = true): { t: FakeTarget; w: Wire } {
  const t = new FakeTarget(cpus);
  const w = new Wire(t);
  w.one(multiprocess ? "qSupported:multiprocess+;swbreak+;xmlRegisters=i386" : "qSupported:xmlRegisters=i386");
  return { t, w };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

/** Decode a qRcmd exchange: the O packets' text, and the final packet. */
function monitor(w: Wire, command: string): { text: string; last: string } {
  const replies = w.ask("qRcmd," + textToHex(command));
  const last = replies[replies.length - 1]!;
  const text = replies
    .slice(0, -1)
    .map((p) => {
      expect(p.startsWith("O"), `console packet ${p}`).toBe(true);
      return hexToText(p.slice(1))!;
    })
    .join("");
  return { text, last };
}

describe("connection", () => {
  it("stops the machine when gdb sends its first packet", () => {
    const t = new FakeTarget();
    const w = new Wire(t);
    expect(t.log).toEqual([]);
    w.send("qSupported");
    w.send("qAttached");
    expect(t.log).toEqual(["halt"]);
  });

  it("leaves the machine alone when a connection closes without a packet (a port probe)", () => {
    const t = new FakeTarget();
    const w = new Wire(t);
    w.session.disconnected();
    expect(t.log).toEqual([]);
    expect(t.detached).toBe(false);
  });

  it("answers qSupported like QEMU, plus no-ack mode", () => {
    const t = new FakeTarget();
    const w = new Wire(t);
    const items = w.send("qSupported:multiprocess+;vContSupported+");
    expect(items[0]).toBe("+");
    expect(items[1]).toEqual({ packet: "PacketSize=1000;qXfer:features:read+;vContSupported+;QStartNoAckMode+;multiprocess+" });
    // Without multiprocess from gdb we must not offer it (gdb would then misparse thread ids).
    expect(new Wire(t).one("qSupported:xmlRegisters=i386")).not.toContain("multiprocess");
  });

  it("acks good packets, nacks bad checksums, resends on nack, and stops acking after QStartNoAckMode", () => {
    const { w } = attach();
    expect(w.raw("$qAttached#00")).toEqual(["-"]);
    expect(w.send("qAttached")).toEqual(["+", { packet: "1" }]);
    expect(w.raw("-")).toEqual([{ packet: "1" }]);
    expect(w.send("QStartNoAckMode")).toEqual(["+", { packet: "OK" }]);
    expect(w.send("qAttached")).toEqual([{ packet: "1" }]);
    // In no-ack mode a corrupted packet is dropped silently: there is no nack to send.
    expect(w.raw("$qAttached#00")).toEqual([]);
    expect(w.send("qC")).toEqual([{ packet: "QCp01.01" }]);
  });

  it("answers unknown packets with an empty reply", () => {
    const { w } = attach();
    for (const p of ["vMustReplyEmpty", "qTStatus", "qOffsets", "!", "bc", "Qfoo:1", "vFile:open:x"]) {
      expect(w.one(p), p).toBe("");
    }
  });

  it("answers malformed packets with E22 and keeps serving", () => {
    const { w } = attach();
    const bad = ["m", "mxyz,4", "m0", "m0,zz", "M0,2:zz", "M0,2:00", "P8", "P8=12", "Pq=00000000", "pzz", "Hx1", "Hgp9.1",
      "Hg9", "Tzz", "T5", "Z0,zz,1", "Z0,10", "Z2,10,0", "vCont;x", "vCont;c:p1.9", "X0,2:a", "Gzz", "qThreadExtraInfo,9",
      "qXfer:features:read:target.xml:0", "Qqemu.PhyMemMode:2", "qRcmd,zz", "g1", "C", "c1g", "mffffffff0,4"];
    for (const p of bad) expect(w.one(p), p).toBe("E22");
    expect(w.one("qAttached")).toBe("1");
  });

  it("turns a target that throws into E01, not a crash", () => {
    const { t, w } = attach();
    t.failRegisters = true;
    expect(w.one("g")).toBe("E01");
    expect(w.log[0]).toContain("fake register file exploded");
    t.failRegisters = false;
    expect(w.one("p8")).toBe(le32Hex(0x1000));
  });
});

describe("threads", () => {
  it("lists one thread per CPU, as QEMU's p01.NN ids", () => {
    const { w } = attach();
    expect(w.one("qfThreadInfo")).toBe("mp01.01,p01.02,p01.03,p01.04");
    expect(w.one("qsThreadInfo")).toBe("l");
    expect(w.one("T p1.3")).toBe("E22");
    expect(w.one("Tp1.4")).toBe("OK");
    expect(w.one("Tp1.5")).toBe("E22");
  });

  it("uses plain ids without the multiprocess extension", () => {
    const { w } = attach(2, false);
    expect(w.one("qfThreadInfo")).toBe("m01,02");
    expect(w.one("Hg2")).toBe("OK");
    expect(w.one("qC")).toBe("QC02");
    expect(w.one("?")).toBe("T05thread:02;");
  });

  it("says CPU#n [running] / [halted ] in qThreadExtraInfo", () => {
    const { w } = attach();
    expect(hexToText(w.one("qThreadExtraInfo,p1.1"))).toBe("CPU#0 [running]");
    expect(hexToText(w.one("qThreadExtraInfo,p1.3"))).toBe("CPU#2 [halted ]");
  });

  it("selects the CPU for registers with Hg", () => {
    const { t, w } = attach();
    t.regs[2]!.eax = 0x33333333;
    expect(w.one("Hgp1.3")).toBe("OK");
    expect(w.one("p0")).toBe("33333333");
    expect(w.one("qC")).toBe("QCp01.03");
    // Hg0 ("any") keeps the current selection.
    expect(w.one("Hg0")).toBe("OK");
    expect(w.one("p0")).toBe("33333333");
  });
});

describe("registers", () => {
  it("sends g in gdb's i386 order with x87 and control registers", () => {
    const { t, w } = attach();
    Object.assign(t.regs[0]!, { eax: 0x11223344, ecx: 2, eip: 0x00101000, eflags: 0x246, cr0: 0x80000011, cr3: 0x5000 });
    const g = w.one("g");
    expect(g.length).toBe(G_PACKET_BYTES * 2);
    expect(g.slice(0, 8)).toBe("44332211");
    expect(g.slice(8, 16)).toBe("02000000");
    expect(g.slice(8 * 8, 9 * 8)).toBe(le32Hex(0x00101000));
    expect(g.slice(9 * 8, 10 * 8)).toBe(le32Hex(0x246));
    expect(g.slice(10 * 8, 11 * 8)).toBe(le32Hex(0x08)); // cs
    const cr0 = REGISTERS.findIndex((r) => r.name === "cr0");
    const cr3 = REGISTERS.findIndex((r) => r.name === "cr3");
    expect(w.one("p" + cr0.toString(16))).toBe(le32Hex(0x80000011));
    expect(w.one("p" + cr3.toString(16))).toBe(le32Hex(0x5000));
    expect(w.one("p10")).toBe("00".repeat(10)); // st0, 80 bits
    expect(w.one("p18")).toBe(le32Hex(0x37f)); // fctrl after FNINIT
    expect(w.one("p" + REGISTERS.length.toString(16))).toBe("E14");
  });

  it("writes with P and G", () => {
    const { t, w } = attach();
    expect(w.one("Hgp1.2")).toBe("OK");
    expect(w.one("P0=78563412")).toBe("OK");
    expect(t.regs[1]!.eax).toBe(0x12345678);
    expect(w.one("P10=" + "00".repeat(10))).toBe("OK"); // st0 accepted and dropped
    const g = w.one("g");
    const changed = le32Hex(0xdeadbeef) + g.slice(8);
    expect(w.one("G" + changed)).toBe("OK");
    expect(t.regs[1]!.eax).toBe(0xdeadbeef);
    expect(t.regs[1]!.eip).toBe(0x1010);
    expect(w.one("G" + changed + "00")).toBe("E22");
  });
});

describe("memory", () => {
  it("reads through the selected CPU's page tables, or physically in PhyMemMode", () => {
    const { w } = attach();
    expect(w.one(`m${(VIRT_BASE + 0x100).toString(16)},4`)).toBe("00010203");
    expect(w.one("m100,4")).toBe("E14"); // below VIRT_BASE nothing is mapped
    expect(w.one("qqemu.PhyMemMode")).toBe("0");
    expect(w.one("Qqemu.PhyMemMode:1")).toBe("OK");
    expect(w.one("qqemu.PhyMemMode")).toBe("1");
    expect(w.one("m104,4")).toBe("04050607");
    expect(w.one("Qqemu.PhyMemMode:0")).toBe("OK");
    expect(w.one("m104,4")).toBe("E14");
  });

  it("returns the readable prefix of a read that runs off the mapping, and clamps to the packet size", () => {
    const { w } = attach();
    expect(w.one(`m${(VIRT_BASE + 0xfffe).toString(16)},4`)).toBe("feff");
    expect(w.one(`m${VIRT_BASE.toString(16)},10000`).length).toBeLessThan(0x1000);
    expect(w.one("m0,0")).toBe("");
  });

  it("writes with M and binary X", () => {
    const { t, w } = attach();
    const a = (VIRT_BASE + 0x200).toString(16);
    expect(w.one(`M${a},2:beef`)).toBe("OK");
    expect([t.memory[0x200], t.memory[0x201]]).toEqual([0xbe, 0xef]);
    expect(w.one(`X${a},0:`)).toBe("OK");
    expect(w.one(`X${a},4:${escapeBinary("#$}*")}`)).toBe("OK");
    expect(toHex(t.memory.subarray(0x200, 0x204))).toBe("23247d2a");
    expect(w.one("M10,1:00")).toBe("E14");
  });
});

describe("run control", () => {
  it("continues every CPU and reports the CPU that hit a breakpoint", async () => {
    const { t, w } = attach();
    expect(w.one("Z0,101000,1")).toBe("OK");
    expect([...t.breakpoints]).toEqual([0x101000]);
    t.nextStop = { reason: "breakpoint", cpu: 2 };
    expect(w.ask("vCont;c")).toEqual([]);
    expect(t.lastActions).toEqual(["continue", "continue", "continue", "continue"]);
    await tick();
    expect(w.drain()).toEqual([{ packet: "T05thread:p01.03;" }]);
    expect(w.one("qC")).toBe("QCp01.03");
    expect(w.one("?")).toBe("T05thread:p01.03;");
    expect(w.one("z0,101000,1")).toBe("OK");
    expect(t.breakpoints.size).toBe(0);
  });

  it("says swbreak or hwbreak when gdb offered them, and nothing when it did not", async () => {
    const t = new FakeTarget();
    const w = new Wire(t);
    expect(w.one("qSupported:multiprocess+;swbreak+;hwbreak+")).toContain("swbreak+;hwbreak+");
    const pc = t.regs[1]!.eip.toString(16);
    w.one(`Z0,${pc},1`);
    t.nextStop = { reason: "breakpoint", cpu: 1 };
    w.ask("vCont;c");
    await tick();
    expect(w.drain()).toEqual([{ packet: "T05swbreak:;thread:p01.02;" }]);
    w.one(`z0,${pc},1`);
    w.one(`Z1,${pc},1`);
    t.nextStop = { reason: "breakpoint", cpu: 1 };
    w.ask("vCont;c");
    await tick();
    expect(w.drain()).toEqual([{ packet: "T05hwbreak:;thread:p01.02;" }]);
    const plain = attach(4, false);
    plain.w.one(`Z0,${plain.t.regs[1]!.eip.toString(16)},1`);
    plain.t.nextStop = { reason: "breakpoint", cpu: 1 };
    plain.w.ask("vCont;c");
    await tick();
    expect(plain.w.drain()).toEqual([{ packet: "T05thread:02;" }]);
  });

  it("steps one thread with vCont while the others continue", async () => {
    const { t, w } = attach();
    t.nextStop = { reason: "step", cpu: 1 };
    expect(w.ask("vCont;s:p1.2;c")).toEqual([]);
    expect(t.lastActions).toEqual(["continue", "step", "continue", "continue"]);
    await tick();
    expect(w.drain()).toEqual([{ packet: "T05thread:p01.02;" }]);
    // Only the named thread resumes when no default action is given.
    t.nextStop = { reason: "step", cpu: 3 };
    w.ask("vCont;s:p1.4");
    expect(t.lastActions).toEqual(["stay", "stay", "stay", "step"]);
    await tick();
    expect(w.drain()).toEqual([{ packet: "T05thread:p01.04;" }]);
  });

  it("supports plain s and c, with Hc selecting the stepped thread", async () => {
    const { t, w } = attach();
    expect(w.one("Hcp1.3")).toBe("OK");
    t.nextStop = { reason: "step", cpu: 2 };
    w.ask("s");
    expect(t.lastActions).toEqual(["continue", "continue", "step", "continue"]);
    await tick();
    expect(w.drain()).toEqual([{ packet: "T05thread:p01.03;" }]);
    expect(w.one("vCont?")).toBe("vCont;c;C;s;S");
  });

  it("stops everything on Ctrl-C and reports SIGINT", () => {
    const { t, w } = attach();
    w.ask("c");
    expect(t.running).toBe(true);
    expect(w.raw("\x03")).toEqual([{ packet: "T02thread:p01.01;" }]);
    expect(t.running).toBe(false);
    // A second Ctrl-C while stopped is ignored: gdb expects exactly one stop reply.
    expect(w.raw("\x03")).toEqual([]);
  });

  it("names the watchpoint and the CPU that wrote", async () => {
    const { t, w } = attach();
    expect(w.one("Z2,c0000100,4")).toBe("OK");
    expect(w.one("Z3,c0000200,2")).toBe("OK");
    expect(w.one("Z4,c0000300,1")).toBe("OK");
    expect([...t.watchpoints].sort()).toEqual(["access@c0000300/1", "read@c0000200/2", "write@c0000100/4"]);
    t.nextStop = { reason: "watchpoint", cpu: 3, kind: "write", address: 0xc0000100 };
    w.ask("vCont;c");
    await tick();
    expect(w.drain()).toEqual([{ packet: "T05watch:c0000100;thread:p01.04;" }]);
    t.nextStop = { reason: "watchpoint", cpu: 0, kind: "read", address: 0xc0000200 };
    w.ask("vCont;c");
    await tick();
    expect(w.drain()).toEqual([{ packet: "T05rwatch:c0000200;thread:p01.01;" }]);
    expect(w.one("z2,c0000100,4")).toBe("OK");
    expect(w.one("Z5,0,1")).toBe(""); // unsupported type: empty, as the protocol asks
  });

  it("reports the guest's exit as W", async () => {
    const { t, w } = attach();
    t.nextStop = { reason: "exited", status: 3 };
    w.ask("c");
    await tick();
    expect(w.drain()).toEqual([{ packet: "W03" }]);
  });

  it("removes its breakpoints and lets the machine run on detach", () => {
    const { t, w } = attach();
    w.one("Z0,1000,1");
    w.one("Z2,c0000000,4");
    expect(w.ask("D;1")).toEqual(["OK"]);
    expect(t.breakpoints.size + t.watchpoints.size).toBe(0);
    expect(t.detached).toBe(true);
  });

  it("does the same when the connection drops", () => {
    const { t, w } = attach();
    w.one("Z1,1000,1");
    w.session.disconnected();
    expect(t.breakpoints.size).toBe(0);
    expect(t.detached).toBe(true);
  });

  it("kills the machine on k and vKill", () => {
    const { t, w } = attach();
    expect(w.ask("k")).toEqual([]);
    expect(t.killed && w.closed).toBe(true);
    const b = attach();
    expect(b.w.ask("vKill;1")).toEqual(["OK"]);
    expect(b.t.killed).toBe(true);
  });
});

describe("target description", () => {
  it("serves target.xml and its includes in chunks", () => {
    const { w } = attach();
    const read = (annex: string, chunk: number): string => {
      let doc = "";
      for (let i = 0; i < 1000; i++) {
        const r = w.one(`qXfer:features:read:${annex}:${doc.length.toString(16)},${chunk.toString(16)}`);
        expect("ml").toContain(r[0]);
        doc += r.slice(1);
        if (r[0] === "l") return doc;
      }
      throw new Error(`qXfer of ${annex} never ended with an 'l' reply`);
    };
    const doc = read("target.xml", 0x80);
    expect(doc).toBe(TARGET_DOCUMENTS.get("target.xml"));
    expect(doc).toContain("<architecture>i386</architecture>");
    const core = read("i386-core.xml", 0xffb);
    expect(core).toBe(TARGET_DOCUMENTS.get("i386-core.xml"));
    expect(core).toContain('<feature name="org.gnu.gdb.i386.core">');
    expect(core).toContain('<reg name="fop"');
    expect(w.one("qXfer:features:read:damselfly-sys.xml:0,ffb")).toMatch(/<reg name="cr4" bitsize="32" type="damselfly_cr4" regnum="35"\/>/);
    expect(w.one("qXfer:features:read:nope.xml:0,ffb")).toBe("E00");
    expect(w.one("qXfer:features:read:target.xml:ffff,10")).toBe("l");
  });
});

describe("monitor", () => {
  it("answers info registers, info cpus, info lapic and info tlb for the selected CPU", () => {
    const { t, w } = attach();
    t.regs[1]!.eax = 0xabcd1234;
    w.one("Hgp1.2");
    const regs = monitor(w, "info registers");
    expect(regs.last).toBe("OK");
    expect(regs.text).toContain("EAX=abcd1234");
    expect(regs.text).toContain("CR0=80000011");
    const cpus = monitor(w, "info cpus").text;
    expect(cpus).toContain("* CPU #1: pc=0x00001010");
    expect(cpus).toContain("  CPU #2: pc=0x00001020 (halted)");
    expect(monitor(w, "info lapic").text).toMatch(/ID\s+0x01000000/);
    expect(monitor(w, "info tlb").text).toContain("c0001000: 00001000 --W");
    expect(monitor(w, "info  registers   -a").text.match(/EAX=/g)?.length).toBe(4);
    const bad = monitor(w, "frobnicate");
    expect(bad.text).toContain("unknown command: 'frobnicate'");
    expect(bad.last).toBe("OK");
  });
});

describe("robustness", () => {
  it("answers thousands of random packets without a handler ever throwing", () => {
    // A seeded generator: the same packets every run, so a failure can be replayed.
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const heads = ["g", "G", "p", "P", "m", "M", "X", "c", "C", "s", "S", "Hg", "Hc", "T", "Z", "z", "q", "Q", "v", "?", "vCont;", "qXfer:features:read:", "qRcmd,", "qThreadExtraInfo,"];
    const alphabet = "0123456789abcdef,:;=-p.xyzc}#*";
    const { t, w } = attach();
    for (let i = 0; i < 5000; i++) {
      let p = heads[random(heads.length)]!;
      const len = random(24);
      for (let j = 0; j < len; j++) p += alphabet[random(alphabet.length)]!;
      // Escaped as gdb would, so the session sees exactly `p`.
      const replies = w.ask(escapeBinary(p));
      if (w.session.isRunning) {
        expect(replies, `no reply while running after ${JSON.stringify(p)}`).toEqual([]);
        expect(w.raw("\x03").length, `one stop reply for Ctrl-C after ${JSON.stringify(p)}`).toBe(1);
      } else {
        expect(replies.length, `replies to ${JSON.stringify(p)}`).toBeGreaterThanOrEqual(1);
      }
      expect(w.log, `handler crash on ${JSON.stringify(p)}`).toEqual([]);
    }
    expect(t.killed || w.closed).toBe(false);
  });
});
