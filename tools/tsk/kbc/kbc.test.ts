import { describe, expect, it } from "vitest";
import { exampleModule } from "./example.ts";
import { printModule } from "./print.ts";
import { verifyModule } from "./verify.ts";
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
});
