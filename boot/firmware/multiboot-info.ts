// The Multiboot v1 information structure (Multiboot Specification 0.6.96, §3.3) and what it
// points to: command lines, the module list, the memory map and the boot loader's name, all
// in one block at `base`. Flags 0x24F, as QEMU: mem_lower/upper, boot_device, cmdline, mods,
// mmap, boot_loader_name. `cmdline` is always a valid pointer (an empty string at worst).

import { usableRamTop, type MemoryRange } from "./memory-map.ts";
import { TableBytes } from "./table-bytes.ts";

export const MULTIBOOT_INFO_FLAGS = 0x24f;
export const BOOT_LOADER_NAME = "damselfly";
const INFO_SIZE = 128; // the v1 structure is 116 bytes with framebuffer fields; keep it zero-padded

export interface ModulePlacement {
  start: number;
  end: number;
  string: string;
}

export interface MultibootInfoInput {
  base: number;
  ramBytes: number;
  cmdline: string;
  modules: ModulePlacement[];
  memoryMap: MemoryRange[];
}

const encoder = new TextEncoder();

export function buildMultibootInfo(input: MultibootInfoInput): Uint8Array {
  const t = new TableBytes();
  for (let i = 0; i < INFO_SIZE; i++) t.u8(0);
  const at = () => input.base + t.length;
  const cstring = (s: string): number => {
    const addr = at();
    for (const b of encoder.encode(s)) t.u8(b);
    t.u8(0);
    return addr;
  };
  const cmdlineAddr = cstring(input.cmdline);
  const loaderAddr = cstring(BOOT_LOADER_NAME);
  const moduleStrings = input.modules.map((m) => cstring(m.string));
  while (t.length % 4 !== 0) t.u8(0);
  const modsAddr = at();
  input.modules.forEach((m, i) => t.u32(m.start).u32(m.end).u32(moduleStrings[i]!).u32(0));
  const mmapAddr = at();
  for (const r of input.memoryMap) t.u32(20).u64(r.base).u64(r.length).u32(r.type);
  const mmapLength = at() - mmapAddr;

  t.set32(0, MULTIBOOT_INFO_FLAGS);
  t.set32(4, 639); // KiB below the EBDA
  t.set32(8, Math.floor((usableRamTop(input.ramBytes) - 0x100000) / 1024)); // up to the first hole, as QEMU
  t.set32(12, 0x8000ffff); // boot_device: first BIOS disk, no partition
  t.set32(16, cmdlineAddr);
  t.set32(20, input.modules.length);
  t.set32(24, modsAddr);
  t.set32(44, mmapLength);
  t.set32(48, mmapAddr);
  t.set32(64, loaderAddr);
  return t.toUint8Array();
}
