// Where the bare runtime's sources live on disk. Host code also runs bundled into build/host/,
// so the folder is found by searching upwards for the repository, not assumed relative.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The runtime's assembly sources, in link order (bare-start.S carries the Multiboot header). */
export const BARE_RUNTIME_SOURCES = ["bare-start.S", "bare-serial.S", "bare-traps.S", "int64-divide.S", "memory.S"] as const;

/**
 * Helpers the generated code calls in every profile (64-bit division, memcpy/memset): a
 * kernel or user image links these too, next to its own `__tsk_trap` and entry code.
 */
export const SHARED_RUNTIME_SOURCES = ["int64-divide.S", "memory.S"] as const;

/** The linker script that lays a bare image out at 1 MiB. */
export const BARE_LINKER_SCRIPT = "bare.ld";

let cachedDir: string | undefined;

/** Absolute path of tools/tsk/runtime in this checkout (searched from here, then from the cwd). */
export function runtimeDir(): string {
  if (cachedDir !== undefined) return cachedDir;
  return (cachedDir = searchUpwards(path.dirname(fileURLToPath(import.meta.url))) ?? searchUpwards(process.cwd()) ?? notFound());
}

function notFound(): never {
  throw new Error(`cannot find tools/tsk/runtime above ${fileURLToPath(import.meta.url)} or ${process.cwd()}`);
}

function searchUpwards(start: string): string | undefined {
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, "tools", "tsk", "runtime");
    if (existsSync(path.join(candidate, BARE_LINKER_SCRIPT))) return candidate;
    if (path.basename(dir) === "runtime" && existsSync(path.join(dir, BARE_LINKER_SCRIPT))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The text of one runtime file. */
export function readRuntimeFile(name: string): string {
  return readFileSync(path.join(runtimeDir(), name), "utf8");
}
