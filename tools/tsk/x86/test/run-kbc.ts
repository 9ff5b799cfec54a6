// Compile KBC modules with the backend, link them with the bare runtime and boot them on a
// judge. Shared by the backend's tests.
import { runOnDamselfly } from "../../../../test/reference/damselfly.ts";
import { runOnQemu } from "../../../../test/reference/qemu.ts";
import type { RunResult } from "../../../../test/reference/run-result.ts";
import type { KbcModule } from "../../kbc/types.ts";
import { verifyModule } from "../../kbc/verify.ts";
import { buildBareImage } from "../../runtime/bare-image.ts";
import { generateAsm } from "../index.ts";

export function bareImageOf(module: KbcModule): Uint8Array {
  verifyModule(module);
  return buildBareImage([{ name: `${module.source}.s`, text: generateAsm(module, { profile: "bare" }) }]);
}

export type Judge = "qemu" | "damselfly";
export const JUDGES: readonly Judge[] = ["qemu", "damselfly"];

/** Run the same image on qemu-system-i386 and on our machine. */
export async function runImageOn(judge: Judge, image: Uint8Array, timeoutMs = 30_000): Promise<RunResult> {
  return judge === "qemu" ? runOnQemu(image, { timeoutMs }) : runOnDamselfly(image, { timeoutMs, memMB: 32 });
}

export async function runKbcOnQemu(module: KbcModule, timeoutMs = 30_000): Promise<RunResult> {
  return runOnQemu(bareImageOf(module), { timeoutMs });
}

/** Compare output line by line; the message names the first case that differs. */
export function firstMismatch(program: string, names: string[], expected: string[], actualText: string): string | undefined {
  const actual = actualText.split("\n");
  for (let i = 0; i < expected.length; i++) {
    if (actual[i] !== expected[i]) {
      return `${program}: case ${names[i]} (line ${i + 1}): expected ${JSON.stringify(expected[i])}, got ${JSON.stringify(actual[i])}`;
    }
  }
  if (actual.length > expected.length + 1 || (actual.length === expected.length + 1 && actual[expected.length] !== "")) {
    return `${program}: ${actual.length - expected.length} unexpected extra line(s), first ${JSON.stringify(actual[expected.length])}`;
  }
  return undefined;
}
