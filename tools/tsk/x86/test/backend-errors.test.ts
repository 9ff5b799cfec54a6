// What the backend refuses: each case is a BackendError whose message names the function
// and, where one is to blame, the op — never a crash and never silently wrong code.
import { describe, expect, it } from "vitest";
import type { KbcModule } from "../../kbc/types.ts";
import { BackendError, generateAsm } from "../index.ts";
import { c, fn, get, moduleOf } from "./kbc-build.ts";

function refusal(module: KbcModule): string {
  try {
    generateAsm(module, { profile: "bare" });
  } catch (e) {
    expect(e, "the refusal is a BackendError").toBeInstanceOf(BackendError);
    return (e as Error).message;
  }
  throw new Error(`${module.source}: the backend accepted it`);
}

describe("x86 backend refusals", () => {
  it("a call to a name that is neither defined nor extern", () => {
    const m = moduleOf("unknown-call", [fn("main", [], "i32", [], [{ op: "call", name: "nowhere" }, c("i32", 0), { op: "ret" }])]);
    expect(refusal(m)).toMatch(/function main, op 0 \(call\): call to nowhere/);
  });

  it("a @naked function with parameters", () => {
    const m = moduleOf("naked", [fn("bare_entry", ["i32"], null, [], [{ op: "ret" }], { attrs: { naked: true } })]);
    expect(refusal(m)).toMatch(/function bare_entry: a @naked function has no frame/);
  });

  it("a @naked function that calls with arguments", () => {
    const m = moduleOf("naked-call", [fn("trampoline", [], null, [], [c("u32", 65), { op: "call", name: "putc" }, { op: "ret" }], { attrs: { naked: true } })]);
    expect(refusal(m)).toMatch(/function trampoline: a @naked function has no frame, so it cannot call with arguments/);
  });

  it("an @interrupt function with a parameter", () => {
    const m = moduleOf("interrupt", [fn("isr", ["u32"], null, [], [{ op: "ret" }], { attrs: { interrupt: true } })]);
    expect(refusal(m)).toMatch(/function isr: an @interrupt function is entered by the CPU/);
  });

  it("a body that falls off its end", () => {
    const m = moduleOf("falls-off", [fn("f", ["i32"], "i32", [], [get(0), { op: "drop", ty: "i32" }])]);
    expect(refusal(m)).toMatch(/function f, op 1 \(drop\)|function f, op 2 \(end\): the body falls off its end/);
  });

  it("a local index that does not exist", () => {
    const m = moduleOf("no-local", [fn("g", [], null, [], [get(3), { op: "drop", ty: "i32" }, { op: "ret" }])]);
    expect(refusal(m)).toMatch(/function g, op 0 \(local.get\): no local %3/);
  });

  it("a name that cannot be an assembler symbol", () => {
    const m = moduleOf("bad-name", [fn("has space", [], null, [], [{ op: "ret" }])]);
    expect(refusal(m)).toMatch(/bad-name: the name "has space" cannot be an assembler symbol/);
  });

  it("an @interrupt function ends in iret and saves every register", () => {
    const m = moduleOf("isr-ok", [fn("isr", [], null, [], [{ op: "ret" }], { attrs: { interrupt: true } })]);
    const asm = generateAsm(m, { profile: "bare" });
    expect(asm, "isr-ok: the handler's code").toMatch(/isr:\n\s+pushal\n\s+cld[\s\S]*popal\n\s+iret/);
  });
});
