import { describe, expect, it } from "vitest";
import { DEFAULT_KERNEL_URL, parseBootParams } from "./boot-params.ts";

describe("browser boot parameters", () => {
  it("defaults to the default image on 4 CPUs and 128 MiB", () => {
    const { params, errors } = parseBootParams("");
    expect(errors).toEqual([]);
    expect(params).toEqual({ kernel: DEFAULT_KERNEL_URL, initrd: [], cpus: 4, memoryMB: 128, cmdline: "", seed: undefined });
  });

  it("reads every parameter", () => {
    const { params, errors } = parseBootParams("?kernel=k.elf&initrd=a.img,b.img&smp=8&mem=256&append=selftest%20x&seed=3");
    expect(errors).toEqual([]);
    expect(params).toEqual({ kernel: "k.elf", initrd: ["a.img", "b.img"], cpus: 8, memoryMB: 256, cmdline: "selftest x", seed: 3 });
  });

  it("names a bad parameter and falls back to the default", () => {
    const { params, errors } = parseBootParams("?smp=0&mem=lots&seed=-1");
    expect(params.cpus).toBe(4);
    expect(params.memoryMB).toBe(128);
    expect(params.seed).toBeUndefined();
    expect(errors).toEqual([
      "smp=0 is not allowed: give a whole number from 1 to 16",
      "mem=lots is not allowed: give a whole number from 2 to 2048",
      "seed=-1 is not allowed: give a whole number of 0 or more",
    ]);
  });
});
