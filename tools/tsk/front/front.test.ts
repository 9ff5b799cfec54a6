// Front-end facts the corpus cannot show by printing: what reaches the KBC module for the
// kernel profile (declare globals, per-CPU data, function attributes, layouts).
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileMany } from "./compile.ts";
import type { KbcModule } from "../kbc/types.ts";

const dir = path.join(process.cwd(), "build", "tsk-front-test");
const sources: Record<string, string> = {
  "kernel-bits.ts": `
declare let __percpu_start: u8;
declare const gdt: FixedArray<u32, 6>;
/** @percpu */
let curthread: u32 = 0;
/** @interrupt */
function timer_isr(): void { curthread++; }
/** @naked */
function trampoline(): void { cli(); hlt(); }
/** @inline */
function id(x: i32): i32 { return x; }
export function kmain(): i32 { volatile_store<u32>(0x2000, 1); return id(i32(gdt[1])) + i32(addr(addressof(__percpu_start))); }
`,
  "layout.ts": `
class A { a: u8; b: i64; c: u16; d: FixedArray<u8, 3>; e: A | null; }
export const probe = new A();
export function main(): i32 { return 0; }
`,
};
const files = Object.keys(sources).map((f) => path.join(dir, f));
let modules: Map<string, KbcModule>;

describe("tsk front end, kernel profile", () => {
  beforeAll(() => {
    const results = compileMany(files, new Map(Object.entries(sources).map(([f, t]) => [path.join(dir, f), t])));
    modules = new Map();
    for (const [f, r] of results) {
      expect(r.errors.map((e) => e.format())).toEqual([]);
      modules.set(path.basename(f), r.module!);
    }
  });

  it("declare globals are extern data: named by global.addr, no storage here", () => {
    const m = modules.get("kernel-bits.ts")!;
    expect(m.externData).toEqual(["__percpu_start", "gdt"]);
    expect(m.globals.map((g) => g.name)).not.toContain("gdt");
    const kmain = m.functions.find((f) => f.name === "kmain")!;
    expect(kmain.body).toContainEqual({ op: "global.addr", name: "gdt", offset: 0 });
  });

  it("volatile_store is a store marked volatile", () => {
    const kmain = modules.get("kernel-bits.ts")!.functions.find((f) => f.name === "kmain")!;
    expect(kmain.body).toContainEqual({ op: "store", ty: "u32", width: 4, offset: 0, volatile: true });
  });

  it("@percpu globals are flagged and reached with percpu.addr", () => {
    const m = modules.get("kernel-bits.ts")!;
    expect(m.globals.find((g) => g.name === "curthread")?.percpu).toBe(true);
    const isr = m.functions.find((f) => f.name === "timer_isr")!;
    expect(isr.body.some((i) => i.op === "percpu.addr" && i.name === "curthread")).toBe(true);
  });

  it("JSDoc attributes reach the KBC functions", () => {
    const m = modules.get("kernel-bits.ts")!;
    const attrs = Object.fromEntries(m.functions.map((f) => [f.name, f.attrs]));
    expect(attrs).toMatchObject({ timer_isr: { interrupt: true }, trampoline: { naked: true }, id: { inline: true }, kmain: {} });
  });

  it("struct layout follows C: u8@0, i64@4 (4-byte aligned on i386), u16@12, u8[3]@14, pointer@20, size 24", () => {
    const m = modules.get("layout.ts")!;
    const g = m.globals.find((x) => x.name === "probe")!;
    expect(g.size).toBe(24);
    expect(g.align).toBe(4);
  });
});
