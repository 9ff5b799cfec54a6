// Builds the platform test images: each image's .S with common.S and the shared snippets of
// test/reference/gnu-image.ts, assembled by GNU as and linked by ld into a Multiboot ELF.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { COMMON_MACROS, FLAT_GDT_DATA, SERIAL_ROUTINES, assembleMultiboot } from "../../reference/gnu-image.ts";
import { repoRoot } from "../../reference/repo-root.ts";

export const PLATFORM_IMAGES = ["ap-bringup", "ipi", "lapic-timer", "uart-irq", "tables", "demo", "sleep", "triple-fault", "first-line", "idle-aps"] as const;
export type PlatformImage = (typeof PLATFORM_IMAGES)[number];

const here = () => path.join(repoRoot(), "test", "platform", "images");

export function platformImageSource(name: PlatformImage): string {
  const common = readFileSync(path.join(here(), "common.S"), "utf8");
  const own = readFileSync(path.join(here(), `${name}.S`), "utf8");
  return `${COMMON_MACROS}\n${common}\n${own}\n    .text\n${SERIAL_ROUTINES}\n    .data\n${FLAT_GDT_DATA}\n`;
}

const cache = new Map<string, Uint8Array>();

/** Assemble an image (cached per process) and also leave a copy in build/platform/NAME.elf. */
export function buildPlatformImage(name: PlatformImage): Uint8Array {
  let elf = cache.get(name);
  if (elf === undefined) {
    elf = assembleMultiboot(platformImageSource(name));
    cache.set(name, elf);
    const out = path.join(repoRoot(), "build", "platform");
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, `${name}.elf`), elf);
  }
  return elf;
}
