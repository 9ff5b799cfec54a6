// The feature program (features-program.ts) on QEMU and on our machine: one module, one boot
// per judge, each line checked against a value computed on the host.
import { describe, expect, it } from "vitest";
import { featuresProgram } from "./features-program.ts";
import { bareImageOf, firstMismatch, JUDGES, runImageOn } from "./run-kbc.ts";

describe("x86 backend: memory, calls, spills, control flow, intrinsics", () => {
  const { module, names, expected } = featuresProgram();
  let image: Uint8Array | undefined;
  for (const judge of JUDGES) {
    it(`runs the feature program on ${judge} with the expected output`, async () => {
      image ??= bareImageOf(module);
      const run = await runImageOn(judge, image);
      expect(run.timedOut, `features timed out on ${judge}; serial:\n${run.serial}`).toBe(false);
      expect(firstMismatch(`features on ${judge}`, names, expected, run.serial), `serial:\n${run.serial}`).toBeUndefined();
      expect(run.exitStatus, `features exit status on ${judge} (main returns 3)`).toBe(7);
    });
  }
});
