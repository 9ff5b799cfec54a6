// Builds the platform test images: each image's .S with common.S and the shared snippets of
// test/reference/gnu-image.ts, assembled by GNU as and linked by ld into a Multiboot ELF.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { requireTool } from "../../host-tools.ts";
import { COMMON_MACROS, FLAT_GDT_DATA, SERIAL_ROUTINES, assembleMultiboot } from "../../reference/gnu-image.ts";
import { repoRoot } from "../../reference/repo-root.ts";

export const PLATFORM_IMAGES = ["ap-bringup", "ipi", "lapic-timer", "uart-irq", "tables", "demo", "sleep", "triple-fault", "first-line", "idle-aps", "busy-sleep", "mbinfo", "pci", "pit-irq", "cmos"] as const;
export type PlatformImage = (typeof PLATFORM_IMAGES)[number];

const here = () => path.join(repoRoot(), "test", "platform", "images");

export function platformImageSource(name: PlatformImage): string {
  const common = readFileSync(path.join(here(), "common.S"), "utf8");
  const own = readFileSync(path.join(here(), `${name}.S`), "utf8");
  return `${COMMON_MACROS}\n${common}\n${own}\n    .text\n${SERIAL_ROUTINES}\n    .data\n${FLAT_GDT_DATA}\n`;
}

const cache = new Map<string, Uint8Array>();

/** Write via a temporary name and rename, so a test in another process never reads half a file. */
function publish(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/** Assemble an image (cached per process) and also leave a copy in build/platform/NAME.elf. */
export function buildPlatformImage(name: PlatformImage): Uint8Array {
  let elf = cache.get(name);
  if (elf === undefined) {
    elf = assembleMultiboot(platformImageSource(name));
    cache.set(name, elf);
    const out = path.join(repoRoot(), "build", "platform");
    mkdirSync(out, { recursive: true });
    publish(path.join(out, `${name}.elf`), elf);
  }
  return elf;
}

/** The -bios test ROM: bios-rom.S as a flat 64 KiB binary (GNU as + ld --oformat binary). */
export function buildBiosRom(): Uint8Array {
  const as = requireTool("as");
  const ld = requireTool("ld");
  const dir = mkdtempSync(path.join(tmpdir(), "damselfly-rom-"));
  try {
    execFileSync(as, ["--32", "-o", path.join(dir, "rom.o"), path.join(here(), "bios-rom.S")], { stdio: ["ignore", "pipe", "pipe"] });
    execFileSync(ld, ["-m", "elf_i386", "-Ttext", "0", "--oformat", "binary", "-o", path.join(dir, "rom.bin"), path.join(dir, "rom.o")], { stdio: ["ignore", "pipe", "pipe"] });
    const rom = new Uint8Array(readFileSync(path.join(dir, "rom.bin")));
    const out = path.join(repoRoot(), "build", "platform");
    mkdirSync(out, { recursive: true });
    publish(path.join(out, "bios-rom.bin"), rom);
    return rom;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
