// Paging: #PF error codes and CR2, CR0.WP, A/D bits, PSE 4 MiB pages, global pages, and the
// TLB really being consulted: a changed PTE stays invisible until INVLPG or a CR3 reload.
import { describe, expect, it } from "vitest";
import { StopReason } from "../interface.ts";
import { PAGING_SETUP, scenario } from "./scenario.ts";

const pte = (page: number): string => `0x${(0x101000 + page * 4).toString(16)}`;
const faulting = (label: string, insn: string): string => `  movl $${label}_after, resume\n${label}: ${insn}\n${label}_after:\n`;

describe("paging", () => {
  const s = scenario(`
${PAGING_SETUP}
  movl $0, ${pte(0x300)}
  invlpg 0x300000
${faulting("pfr", "movl 0x300004, %eax")}
${faulting("pfw", "movl %eax, 0x300008")}
  movl $0x301005, ${pte(0x301)}
  invlpg 0x301000
  movl $0xabc, 0x301000
  movl %cr0, %eax
  orl $0x10000, %eax
  movl %eax, %cr0
${faulting("pfwp", "movl $1, 0x301000")}
  movl $0x302007, ${pte(0x302)}
  invlpg 0x302000
  movl 0x302000, %eax
  movl ${pte(0x302)}, %eax
  movl %eax, result
  movl %eax, 0x302000
  movl ${pte(0x302)}, %eax
  movl %eax, result+4
  movl 0x100000, %eax
  movl %eax, result+8
  movl $0x11111111, 0x303000
  movl $0x22222222, 0x304000
  movl 0x303000, %eax
  movl $0x304007, ${pte(0x303)}
  movl 0x303000, %eax
  movl %eax, result+12
  invlpg 0x303000
  movl 0x303000, %eax
  movl %eax, result+16
  movl $0x303007, ${pte(0x303)}
  movl 0x303000, %eax
  movl %eax, result+20
  movl %cr3, %eax
  movl %eax, %cr3
  movl 0x303000, %eax
  movl %eax, result+24
  movl %cr4, %eax
  orl $0x80, %eax
  movl %eax, %cr4
  movl $0x33333333, 0x305000
  movl $0x305107, ${pte(0x305)}
  invlpg 0x305000
  movl 0x305000, %eax
  movl $0x304107, ${pte(0x305)}
  movl %cr3, %eax
  movl %eax, %cr3
  movl 0x305000, %eax
  movl %eax, result+28
  invlpg 0x305000
  movl 0x305000, %eax
  movl %eax, result+32
  movl %cr4, %eax
  orl $0x10, %eax
  movl %eax, %cr4
  movl $0x000000e7, 0x100004
  movl 0x704000, %eax
  movl %eax, result+36
  movl 0x705000, %eax
  movl $0x004000e7, 0x100004
  movl 0x705000, %eax
  movl %eax, result+40
  invlpg 0x7ff000
  movl 0x705000, %eax
  movl %eax, result+44
  movl $0x306007, ${pte(0x306)}
  invlpg 0x306000
  cli
  hlt
`);

  it("runs the scenario to its final HLT", () => {
    expect(s.reason).toBe(StopReason.Halted);
  });

  it("raises #PF with the error code's P, W/R bits and CR2 = the faulting address", () => {
    const sym = (n: string): number => s.symbols.get(n)!;
    expect(s.log.map((e) => ({ vector: e.vector, errorCode: e.errorCode, eip: e.eip, cr2: e.cr2 }))).toEqual([
      { vector: 14, errorCode: 0, eip: sym("pfr"), cr2: 0x300004 },
      { vector: 14, errorCode: 2, eip: sym("pfw"), cr2: 0x300008 },
      { vector: 14, errorCode: 3, eip: sym("pfwp"), cr2: 0x301000 },
    ]);
  });

  it("sets the accessed bit on reads and the dirty bit on writes, in the PTE and the PDE", () => {
    expect(s.result[0]!.toString(16), "PTE after a read").toBe((0x302027).toString(16));
    expect(s.result[1]!.toString(16), "PTE after a write").toBe((0x302067).toString(16));
    expect(s.result[2]! & 0x20, "PDE accessed bit").toBe(0x20);
  });

  it("keeps using a stale TLB entry until INVLPG or a CR3 reload", () => {
    expect(s.result[3]!.toString(16), "read after changing the PTE (stale)").toBe("11111111");
    expect(s.result[4]!.toString(16), "read after INVLPG").toBe("22222222");
    expect(s.result[5]!.toString(16), "read after changing the PTE back (stale)").toBe("22222222");
    expect(s.result[6]!.toString(16), "read after reloading CR3").toBe("11111111");
  });

  it("keeps global pages across a CR3 reload when CR4.PGE is set, until INVLPG", () => {
    expect(s.result[7]!.toString(16), "global entry after CR3 reload").toBe("33333333");
    expect(s.result[8]!.toString(16), "after INVLPG").toBe("22222222");
    expect(s.cpu.tlbEntries().find((e) => e.linear === 0x305000)?.global ?? false).toBe(false);
  });

  it("maps 4 MiB pages through a PDE with PS when CR4.PSE is set", () => {
    expect(s.result[9]!.toString(16)).toBe("22222222");
    expect(s.cpu.debugTranslate(0x7ff123)).toBe(0x7ff123);
  });

  it("drops every 4 KiB slice of a 4 MiB page on INVLPG of any address inside it", () => {
    expect(s.result[10]!.toString(16), "stale slice after remapping the PDE").toBe("33333333");
    expect(s.result[11]!.toString(16), "after INVLPG of another address in the large page").toBe("0");
  });

  it("lets a debugger translate and read without touching A/D bits or the TLB", () => {
    expect(s.cpu.debugTranslate(0x306123)).toBe(0x306123);
    expect(Array.from(s.cpu.debugRead(0x304000, 4)!)).toEqual([0x22, 0x22, 0x22, 0x22]);
    expect(s.bus.read(0x101000 + 0x306 * 4, 4).toString(16), "PTE untouched").toBe("306007");
    expect(s.cpu.tlbEntries().some((e) => e.linear === 0x306000)).toBe(false);
    expect(s.cpu.debugTranslate(0x300000), "not-present page").toBeUndefined();
    expect(s.cpu.debugRead(0x2ffffe, 4), "read running into a not-present page").toBeUndefined();
    expect(s.cpu.debugWrite(0x304000, new Uint8Array([1, 2]))).toBe(true);
    expect(s.bus.read(0x304000, 2)).toBe(0x0201);
  });

  it("lists TLB entries with their permissions", () => {
    const e = s.cpu.tlbEntries().find((x) => x.linear === 0x705000);
    expect(e).toEqual({ linear: 0x705000, physical: 0x705000, writable: true, user: true, global: false });
    expect(s.cpu.tlbEntries().some((x) => x.linear === 0x704000), "slice dropped by INVLPG").toBe(false);
  });
});
