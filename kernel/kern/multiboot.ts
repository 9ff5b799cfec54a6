// multiboot.ts: reads what the Multiboot v1 loader passed, trusting only fields whose flag
// bit is set (v86 sets only the memory map, QEMU more). The command line is copied into the
// kernel at once: the loader's copy sits in low memory the AP trampoline may reuse.
import { panic1 } from "./panic.ts";

export const MULTIBOOT_MAGIC: u32 = 0x2badb002;
const MBI_FLAG_MEM: u32 = 0x001;
const MBI_FLAG_CMDLINE: u32 = 0x004;
const MBI_FLAG_MMAP: u32 = 0x040;
const MMAP_AVAILABLE: u32 = 1;

let cmdline: FixedArray<u8, 256> = [];

/** Check the magic, keep the command line. */
export function multiboot_init(magic: u32, mbi: usize): void {
  if (magic != MULTIBOOT_MAGIC) panic1("not started by a Multiboot loader (eax=%x)", magic);
  cmdline[0] = 0;
  const flags: u32 = load<u32>(mbi);
  if ((flags & MBI_FLAG_CMDLINE) != 0) {
    const src: usize = load<u32>(mbi + 16);
    let i: u32 = 0;
    while (i < 255 && src != 0 && load<u8>(src + i) != 0) {
      cmdline[i] = load<u8>(src + i);
      i++;
    }
    cmdline[i] = 0;
  }
}

export function multiboot_cmdline(): usize {
  return addressof(cmdline[0]);
}

/** Is `word` one of the space-separated words of the command line? */
export function cmdline_has(word: string): bool {
  const w: usize = addr(word);
  let i: u32 = 0;
  for (;;) {
    while (cmdline[i] == 32) i++;
    if (cmdline[i] == 0) return false;
    let k: u32 = 0;
    while (load<u8>(w + k) != 0 && cmdline[i + k] == load<u8>(w + k)) k++;
    if (load<u8>(w + k) == 0 && (cmdline[i + k] == 32 || cmdline[i + k] == 0)) return true;
    while (cmdline[i] != 32 && cmdline[i] != 0) i++;
  }
}

/**
 * The end (exclusive) of the usable RAM region that contains `addr`: from the memory map if
 * present, else from mem_upper, else 0 (unknown).
 */
export function multiboot_ram_end(mbi: usize, at: usize): usize {
  const flags: u32 = load<u32>(mbi);
  if ((flags & MBI_FLAG_MMAP) != 0) {
    const len: u32 = load<u32>(mbi + 44);
    const base: usize = load<u32>(mbi + 48);
    let off: u32 = 0;
    while (off + 24 <= len) {
      const e: usize = base + off;
      const size: u32 = load<u32>(e);
      const lo: u64 = load<u64>(e + 4);
      const n: u64 = load<u64>(e + 12);
      if (load<u32>(e + 20) == MMAP_AVAILABLE && lo <= u64(at) && u64(at) < lo + n) {
        const end: u64 = lo + n;
        return end > 0xfffff000n ? 0xfffff000 : u32(end);
      }
      off += size + 4;
    }
  }
  if ((flags & MBI_FLAG_MEM) != 0) return 0x100000 + load<u32>(mbi + 8) * 1024;
  return 0;
}
