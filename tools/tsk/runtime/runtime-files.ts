// Where the bare runtime's sources live on disk. Host code also runs bundled into build/host/,
// so the folder is found by searching upwards for the repository, not assumed relative.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The runtime's assembly sources, in link order (bare-start.S carries the Multiboot header). */
export const BARE_RUNTIME_SOURCES = ["bare-start.S", "bare-serial.S", "int64-divide.S", "memory.S"] as const;

/** The linker script that lays a bare image out at 1 MiB. */
export const BARE_LINKER_SCRIPT = "bare.ld";

let cachedDir: string | undefined;

/** Absolute path of tools/tsk/runtime in this checkout. */
export function runtimeDir(): string {
  if (cachedDir !== undefined) return cachedDir;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "tools", "tsk", "runtime");
    if (existsSync(path.join(candidate, BARE_LINKER_SCRIPT))) return (cachedDir = candidate);
    if (path.basename(dir) === "runtime" && existsSync(path.join(dir, BARE_LINKER_SCRIPT))) return (cachedDir = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find tools/tsk/runtime above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The text of one runtime file. */
export function readRuntimeFile(name: string): string {
  return readFileSync(path.join(runtimeDir(), name), "utf8");
}
