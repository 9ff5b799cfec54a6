import { describe, expect, it } from "vitest";
import { exampleModule } from "./example.ts";
import { printModule } from "./print.ts";
import { verifyModule } from "./verify.ts";
import { parseModule } from "./parse.ts";
import type { KbcModule } from "./types.ts";

describe("KBC definition", () => {
  it("the hand-built example verifies and prints in the documented text format", () => {
    const m = exampleModule();
    verifyModule(m);
    const text = printModule(m);
    expect(text).toContain("func fact(i32 %0) -> i32");
    expect(text).toContain("  load i32 s32");
    expect(text).toContain('  data "fact:\\00"');
    expect(text).toContain("L0:");
    expect(text).toContain("  br_if L1");
  });

  it("the verifier rejects a non-empty stack at a branch", () => {
    const m: KbcModule = exampleModule();
    const fact = m.functions[0]!;
    fact.body.splice(9, 0, { op: "const", ty: "i32", value: 1n });
    expect(() => verifyModule(m)).toThrow(/conditional branch with 1 value/);
  });

  it("the verifier rejects mixing 32- and 64-bit operands", () => {
    const m = exampleModule();
    m.functions[0]!.body.splice(3, 1, { op: "const", ty: "i64", value: 1n });
    expect(() => verifyModule(m)).toThrow(/wanted a 32-bit value, found 64-bit/);
  });

  it("the verifier rejects a body that can fall off its end", () => {
    const m = exampleModule();
    m.functions[1]!.body.pop();
    expect(() => verifyModule(m)).toThrow(/fall off its end|ret with 1 value|stack/);
  });

  it("the text format parses back to the same module (the example, with its string data)", () => {
    const m = exampleModule();
    const again = parseModule(printModule(m), "example.kbc");
    expect(again.functions).toEqual(m.functions.map((f) => ({ ...f, lines: f.body.map(() => 0) })));
    expect(again.globals).toEqual(m.globals);
    expect(again.externs).toEqual(m.externs);
  });

  it("a malformed KBC text names the line", () => {
    expect(() => parseModule("func f() -> i32\n  const i32 1\n  frobnicate i32\nend\n", "bad.kbc")).toThrow("bad.kbc:3: unknown op frobnicate");
    expect(() => parseModule("global g size 2 align 1\n  data 01 02 03\n", "bad.kbc")).toThrow("bad.kbc:2: data has 3 bytes, the global's size is 2");
  });
});
