// What to boot, from the page address: ?kernel=URL&initrd=URL,URL&smp=N&mem=MB&append=TEXT&seed=N
// Pure parsing, so the rules are unit-tested without a browser.

export interface BootParams {
  kernel: string;
  initrd: string[];
  cpus: number;
  memoryMB: number;
  cmdline: string;
  seed: number | undefined;
}

export const DEFAULT_KERNEL_URL = "default.elf";

/** Parses the query string; a bad value gets a sentence naming the parameter. */
export function parseBootParams(search: string): { params: BootParams; errors: string[] } {
  const q = new URLSearchParams(search);
  const errors: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = q.get(name);
    if (raw === null || raw === "") return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      errors.push(`${name}=${raw} is not allowed: give a whole number from ${min} to ${max}`);
      return fallback;
    }
    return n;
  };
  const cpus = int("smp", 4, 1, 16);
  const memoryMB = int("mem", 128, 2, 2048);
  const seedRaw = q.get("seed");
  let seed: number | undefined;
  if (seedRaw !== null && seedRaw !== "") {
    seed = Number(seedRaw);
    if (!Number.isInteger(seed) || seed < 0) {
      errors.push(`seed=${seedRaw} is not allowed: give a whole number of 0 or more`);
      seed = undefined;
    }
  }
  const initrd = (q.get("initrd") ?? "").split(",").map((s) => s.trim()).filter((s) => s !== "");
  return {
    params: {
      kernel: q.get("kernel") || DEFAULT_KERNEL_URL,
      initrd,
      cpus,
      memoryMB,
      cmdline: q.get("append") ?? "",
      seed,
    },
    errors,
  };
}
