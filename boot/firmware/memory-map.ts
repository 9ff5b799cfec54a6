// The physical memory map the firmware reports (Multiboot mmap, type 1 = usable, 2 = reserved),
// laid out as QEMU with SeaBIOS reports it: conventional memory below the EBDA, the BIOS area
// (RSDP and MP floating pointer), RAM from 1 MiB up to the top 128 KiB, which firmware keeps
// for its tables (RSDT, MADT, MP configuration table), and the BIOS ROM alias below 4 GiB.

export interface MemoryRange {
  base: number;
  length: number;
  type: 1 | 2;
}

export const EBDA_BASE = 0x9fc00;
export const BIOS_AREA_BASE = 0xf0000;
/** The top of RAM SeaBIOS reserves for its tables; ours hold the RSDT, MADT and MP table. */
export const FIRMWARE_TABLES_SIZE = 0x20000;

/** First byte above the RAM a kernel may use (everything from here to the end of RAM is reserved). */
export function usableRamTop(ramBytes: number): number {
  return ramBytes - FIRMWARE_TABLES_SIZE;
}

export function pcMemoryMap(ramBytes: number): MemoryRange[] {
  return [
    { base: 0, length: EBDA_BASE, type: 1 },
    { base: EBDA_BASE, length: 0xa0000 - EBDA_BASE, type: 2 },
    { base: BIOS_AREA_BASE, length: 0x100000 - BIOS_AREA_BASE, type: 2 },
    { base: 0x100000, length: usableRamTop(ramBytes) - 0x100000, type: 1 },
    { base: usableRamTop(ramBytes), length: FIRMWARE_TABLES_SIZE, type: 2 },
    { base: 0xfffc0000, length: 0x40000, type: 2 },
  ];
}
