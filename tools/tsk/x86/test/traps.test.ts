// KBC traps in generated code: a `trap` op reports its reason through the runtime, and the
// division traps KBC defines (x / 0, INT_MIN / -1, at 32 and 64 bits) stop the program with
// "trap: integer divide error" and exit value 70, after the output printed before them.
import { describe, expect, it } from "vitest";
import type { Insn, KType } from "../../kbc/types.ts";
import { c, call, fn, get, moduleOf, print32, set } from "./kbc-build.ts";
import { bareImageOf, JUDGES, runImageOn } from "./run-kbc.ts";

const TRAP_STATUS = (70 << 1) | 1;
const latin1 = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

/** main prints 1, then runs `code` (which must trap), then would print 2. */
function trapping(name: string, code: Insn[], locals: KType[] = []) {
  return moduleOf(name, [fn("main", [], "i32", locals, [c("u32", 1), ...print32, ...code, c("u32", 2), ...print32, c("i32", 0), { op: "ret" }])]);
}

const divide = (ty: KType, a: bigint, b: bigint, op: "div" | "rem" = "div"): Insn[] =>
  // Through locals, so the backend cannot fold the division away at compile time.
  [c(ty, a), set(0), c(ty, b), set(1), get(0), get(1), { op, ty }, { op: "drop", ty }];

const CASES: Array<{ name: string; module: ReturnType<typeof trapping>; reason: string }> = [
  { name: "trap op with a non-ASCII reason", module: trapping("trap-op", [{ op: "trap", reason: "unreachable: \"é\" \\ end" }]), reason: latin1("unreachable: \"é\" \\ end") },
  { name: "i32 division by zero", module: trapping("div0-i32", divide("i32", 7n, 0n), ["i32", "i32"]), reason: "integer divide error" },
  { name: "i32 INT_MIN % -1", module: trapping("overflow-i32", divide("i32", -0x80000000n, -1n, "rem"), ["i32", "i32"]), reason: "integer divide error" },
  { name: "u64 division by zero", module: trapping("div0-u64", divide("u64", 7n, 0n), ["u64", "u64"]), reason: "integer divide error" },
  { name: "i64 INT64_MIN / -1", module: trapping("overflow-i64", divide("i64", -(1n << 63n), -1n), ["i64", "i64"]), reason: "integer divide error" },
];

describe("x86 backend: traps", () => {
  for (const t of CASES) {
    for (const judge of JUDGES) {
      it(`${t.name} stops with its report on ${judge}`, async () => {
        const run = await runImageOn(judge, bareImageOf(t.module));
        expect(run.serial, `${t.module.source} on ${judge}: serial output`).toBe(`00000001\ntrap: ${t.reason}\n`);
        expect(run.exitStatus, `${t.module.source} on ${judge}: exit status (trap value 70)`).toBe(TRAP_STATUS);
      });
    }
  }
});
