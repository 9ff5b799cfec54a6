// The physical memory map the firmware reports (Multiboot mmap, type 1 = usable, 2 = reserved),
// laid out like QEMU's PC: conventional memory below the EBDA, the BIOS area where our ACPI and
// MP tables live, RAM from 1 MiB, and the BIOS ROM alias below 4 GiB.

export interface MemoryRange {
  base: number;
  length: number;
  type: 1 | 2;
}

export const EBDA_BASE = 0x9fc00;
export const BIOS_AREA_BASE = 0xf0000;

export function pcMemoryMap(ramBytes: number): MemoryRange[] {
  return [
    { base: 0, length: EBDA_BASE, type: 1 },
    { base: EBDA_BASE, length: 0xa0000 - EBDA_BASE, type: 2 },
    { base: BIOS_AREA_BASE, length: 0x100000 - BIOS_AREA_BASE, type: 2 },
    { base: 0x100000, length: ramBytes - 0x100000, type: 1 },
    { base: 0xfffc0000, length: 0x40000, type: 2 },
  ];
}
