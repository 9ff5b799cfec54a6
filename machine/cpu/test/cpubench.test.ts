import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { StopReason } from "../interface.ts";
import { bootMultiboot, makeMachine, runUntilStop } from "./harness.ts";

const BENCH = new URL("../../../../shared/bench/cpubench/", import.meta.url);

describe("cpubench (gcc -O2 -m32 -march=i686, paging on)", () => {
  it("prints QEMU's lines for iters=2 and exits through isa-debug-exit with 33", () => {
    const expected = readFileSync(new URL("expected-iters20.txt", BENCH), "utf8").split("\n");
    const m = makeMachine(32 << 20);
    bootMultiboot(m, new URL("cpubench.elf", BENCH).pathname, "iters=2");
    const r = runUntilStop(m, 200_000_000);
    expect(r.reason, `stop reason (lastFault: ${JSON.stringify(m.cpu.lastFault)})`).toBe(StopReason.Requested);
    expect(m.serial()).toBe([...expected.slice(0, 3), "DONE", ""].join("\n"));
    expect(m.exitCode()).toBe(33);
    // One iteration is about 28.65 million instructions (the image's README).
    expect(r.executed).toBeGreaterThan(2 * 28_000_000);
    expect(r.executed).toBeLessThan(2 * 29_500_000);
  });
});
