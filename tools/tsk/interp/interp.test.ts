// The interpreter as a harness for testing KTS code in Node: calling any function with
// arguments, host versions of externs, and traps with the function's name.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileMany } from "../front/compile.ts";
import { KbcMachine } from "./interp.ts";
import { KbcTrap } from "./trap.ts";

const file = path.join(process.cwd(), "build", "tsk-interp-test", "module.ts");
const source = `
declare function panic(code: u32): void;
let allocated: u32 = 0;
export function alloc(n: u32): u32 { if (n == 0) panic(7); allocated += n; return allocated; }
export function mix(a: i64, b: u8): i64 { return a * 2n + i64(b); }
`;

describe("KBC interpreter as a test harness", () => {
  const module = compileMany([file], new Map([[file, source]])).get(file)!.module!;

  it("calls a chosen function with arguments and keeps globals between calls", () => {
    const m = new KbcMachine(module);
    expect(m.run("alloc", [5]).exitValue).toBe(5);
    expect(m.run("alloc", [3]).exitValue).toBe(8);
    expect(m.memory.view.getUint32(m.addressOf.get("allocated")!, true)).toBe(8);
    expect(m.run("mix", [-(1n << 40n), 200]).exitValue).toBe(-(1n << 41n) + 200n);
  });

  it("uses host versions of externs, and a host trap names the function it stopped", () => {
    const m = new KbcMachine(module, { host: { panic: (_ctx, [code]) => { throw new KbcTrap(`panic ${code}`); } } });
    const r = m.run("alloc", [0]);
    expect(r.trap).toEqual({ reason: "panic 7", where: "alloc", line: 4 });
  });
});
