// Loading a Multiboot v1 kernel (Multiboot Specification 0.6.96, §3.1) into guest RAM: find
// the header in the first 8 KiB, then load either the ELF program headers or, when header
// flag 16 is set, the "a.out kludge" addresses from the header, as QEMU and GRUB do.

import type { Bus } from "../../machine/bus/bus.ts";
import { MachineConfigError } from "../../machine/config.ts";
import { PT_LOAD, isElf, parseElf32 } from "./elf32.ts";
import { usableRamTop } from "./memory-map.ts";

export const MULTIBOOT_HEADER_MAGIC = 0x1badb002;
export const MULTIBOOT_BOOTLOADER_MAGIC = 0x2badb002;
const SEARCH_LIMIT = 8192;

export interface MultibootHeader {
  offset: number;
  flags: number;
  /** Present when flag 16 is set. */
  addresses?: { header: number; load: number; loadEnd: number; bssEnd: number; entry: number };
}

export interface LoadedKernel {
  entry: number;
  /** Lowest and (exclusive) highest physical address written. */
  low: number;
  high: number;
  header: MultibootHeader;
}

const hex = (n: number) => "0x" + (n >>> 0).toString(16);

export function findMultibootHeader(bytes: Uint8Array): MultibootHeader | undefined {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limit = Math.min(bytes.length, SEARCH_LIMIT) - 12;
  for (let off = 0; off <= limit; off += 4) {
    if (v.getUint32(off, true) !== MULTIBOOT_HEADER_MAGIC) continue;
    const flags = v.getUint32(off + 4, true);
    const checksum = v.getUint32(off + 8, true);
    if (((MULTIBOOT_HEADER_MAGIC + flags + checksum) >>> 0) !== 0) continue;
    const header: MultibootHeader = { offset: off, flags };
    if ((flags & 0x10000) !== 0) {
      if (off + 32 > bytes.length) return header;
      header.addresses = {
        header: v.getUint32(off + 12, true),
        load: v.getUint32(off + 16, true),
        loadEnd: v.getUint32(off + 20, true),
        bssEnd: v.getUint32(off + 24, true),
        entry: v.getUint32(off + 28, true),
      };
    }
    return header;
  }
  return undefined;
}

function checkFits(bus: Bus, addr: number, length: number, what: string): void {
  if (length === 0) return;
  if (addr + length > usableRamTop(bus.ramSize)) {
    throw new MachineConfigError(`the kernel's ${what} at ${hex(addr)} (${length} bytes) does not fit in ${bus.ramSize >> 20} MiB of RAM; give the machine more memory (-m)`);
  }
}

/** Copy the kernel into RAM; throws MachineConfigError with one sentence for a bad image. */
export function loadMultibootKernel(bus: Bus, bytes: Uint8Array): LoadedKernel {
  const header = findMultibootHeader(bytes);
  if (header === undefined) {
    throw new MachineConfigError(`the kernel is not a Multiboot v1 image: no header with magic ${hex(MULTIBOOT_HEADER_MAGIC)} and a valid checksum in its first ${SEARCH_LIMIT} bytes`);
  }
  if (header.addresses !== undefined) return loadKludge(bus, bytes, header);
  if (!isElf(bytes)) {
    throw new MachineConfigError("the kernel has a Multiboot header but is not an ELF file and does not set header flag 16 (load addresses)");
  }
  const elf = parseElf32(bytes);
  if (typeof elf === "string") throw new MachineConfigError(`the kernel is not a loadable Multiboot ELF: ${elf}`);
  let low = 0xffffffff;
  let high = 0;
  let entry = elf.entry;
  let loaded = 0;
  for (const [i, seg] of elf.segments.entries()) {
    if (seg.type !== PT_LOAD || seg.memsz === 0) continue;
    checkFits(bus, seg.paddr, seg.memsz, `segment ${i}`);
    bus.writeBytes(seg.paddr, bytes.subarray(seg.offset, seg.offset + seg.filesz));
    if (seg.memsz > seg.filesz) bus.writeBytes(seg.paddr + seg.filesz, new Uint8Array(seg.memsz - seg.filesz));
    low = Math.min(low, seg.paddr);
    high = Math.max(high, seg.paddr + seg.memsz);
    // A higher-half kernel links its entry at a virtual address: enter at the physical one.
    if (elf.entry >= seg.vaddr && elf.entry < seg.vaddr + seg.memsz && seg.vaddr !== seg.paddr) {
      entry = (elf.entry - seg.vaddr + seg.paddr) >>> 0;
    }
    loaded++;
  }
  if (loaded === 0) throw new MachineConfigError("the kernel is not a loadable Multiboot ELF: it has no PT_LOAD segment");
  return { entry, low, high, header };
}

function loadKludge(bus: Bus, bytes: Uint8Array, header: MultibootHeader): LoadedKernel {
  const a = header.addresses;
  if (a === undefined) throw new MachineConfigError("the kernel's Multiboot header sets flag 16 but is cut short before its address fields");
  if (a.load > a.header) throw new MachineConfigError(`the kernel's Multiboot load_addr ${hex(a.load)} is above its header_addr ${hex(a.header)}`);
  const fileStart = header.offset - (a.header - a.load);
  if (fileStart < 0) throw new MachineConfigError(`the kernel's Multiboot header_addr ${hex(a.header)} and load_addr ${hex(a.load)} put the load start before the beginning of the file`);
  const loadEnd = a.loadEnd === 0 ? a.load + (bytes.length - fileStart) : a.loadEnd;
  if (loadEnd < a.load || fileStart + (loadEnd - a.load) > bytes.length) {
    throw new MachineConfigError(`the kernel's Multiboot load_end_addr ${hex(a.loadEnd)} lies beyond the end of the file`);
  }
  const end = a.bssEnd === 0 ? loadEnd : Math.max(loadEnd, a.bssEnd);
  checkFits(bus, a.load, end - a.load, "image");
  bus.writeBytes(a.load, bytes.subarray(fileStart, fileStart + (loadEnd - a.load)));
  if (end > loadEnd) bus.writeBytes(loadEnd, new Uint8Array(end - loadEnd));
  return { entry: a.entry, low: a.load, high: end, header };
}
