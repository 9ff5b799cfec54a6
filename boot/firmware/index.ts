// The built-in firmware role: what GRUB and QEMU's Multiboot loader do before a kernel's first
// instruction. Loads the kernel and modules, writes the Multiboot info, publishes ACPI and MP
// tables, programs LINT0/LINT1 and the 8259 pair as a BIOS does, starts the BSP in flat 32-bit
// protected mode (EAX = 0x2BADB002, EBX = info) and leaves the APs waiting for SIPI.
//
// Free of Node imports: the browser front end uses it too. Front ends pass it to the machine
// as `config.firmware` (machine/ never imports boot/).

import type { Bus } from "../../machine/bus/bus.ts";
import { type Firmware, type FirmwareTarget, type MachineConfig, MachineConfigError } from "../../machine/config.ts";
import { IOAPIC_BASE } from "../../machine/devices/ioapic.ts";
import { LAPIC_BASE } from "../../machine/devices/lapic.ts";
import { buildMadt, buildRsdp, buildRsdt, type PlatformDescription } from "./acpi.ts";
import { buildMpConfigTable, buildMpFloatingPointer } from "./mp-table.ts";
import { buildMultibootInfo, type ModulePlacement } from "./multiboot-info.ts";
import { MULTIBOOT_BOOTLOADER_MAGIC, loadMultibootKernel } from "./multiboot-loader.ts";
import { pcMemoryMap, usableRamTop } from "./memory-map.ts";

/** The pointers sit in the BIOS area (0xF0000-0xFFFFF), where ACPI and the MP spec say to search. */
export const RSDP_ADDRESS = 0xf0000;
export const MP_FLOATING_POINTER_ADDRESS = 0xf0040;
/** The tables themselves sit in the reserved top of RAM, as SeaBIOS puts them (offsets from there). */
const RSDT_OFFSET = 0x0;
const MADT_OFFSET = 0x100;
const MP_CONFIG_OFFSET = 0x800;

const PAGE = 4096;
const pageAlign = (n: number) => Math.ceil(n / PAGE) * PAGE;

/** Publish the ACPI and MP tables. */
export function writePlatformTables(bus: Bus, p: PlatformDescription): void {
  const top = usableRamTop(bus.ramSize);
  const rsdt = top + RSDT_OFFSET;
  const madt = top + MADT_OFFSET;
  const mpConfig = top + MP_CONFIG_OFFSET;
  bus.writeBytes(madt, buildMadt(p));
  bus.writeBytes(rsdt, buildRsdt([madt]));
  bus.writeBytes(RSDP_ADDRESS, buildRsdp(rsdt));
  bus.writeBytes(mpConfig, buildMpConfigTable(p));
  bus.writeBytes(MP_FLOATING_POINTER_ADDRESS, buildMpFloatingPointer(mpConfig));
}

/**
 * Program the 8259 pair as a PC BIOS does (vectors 0x08 and 0x70, slave on IRQ2), but leave
 * every line masked: a kernel that enables interrupts before taking over the PIC gets no
 * timer tick on an exception vector.
 */
function initLegacyPic(bus: Bus): void {
  const out = (port: number, v: number) => bus.writePort(port, 1, v);
  out(0x20, 0x11); out(0x21, 0x08); out(0x21, 0x04); out(0x21, 0x01);
  out(0xa0, 0x11); out(0xa1, 0x70); out(0xa1, 0x02); out(0xa1, 0x01);
  out(0x21, 0xff); out(0xa1, 0xff);
}

export const multibootFirmware: Firmware = {
  boot(target: FirmwareTarget, config: MachineConfig): void {
    const { bus, cpus, lapics } = target;
    if (config.kernel === undefined) throw new MachineConfigError("the built-in firmware needs a kernel (-kernel FILE)");
    const kernel = loadMultibootKernel(bus, config.kernel);

    // Modules, then the info block, each page-aligned above the kernel (never below 1 MiB).
    const top = usableRamTop(bus.ramSize);
    let next = pageAlign(Math.max(kernel.high, 0x100000));
    const modules: ModulePlacement[] = [];
    for (const [i, m] of (config.modules ?? []).entries()) {
      if (next + m.data.length > top) {
        throw new MachineConfigError(`module ${i + 1} (${m.string || "unnamed"}, ${m.data.length} bytes) does not fit in ${bus.ramSize >> 20} MiB of RAM after the kernel; give the machine more memory (-m)`);
      }
      bus.writeBytes(next, m.data);
      modules.push({ start: next, end: next + m.data.length, string: m.string });
      next = pageAlign(next + m.data.length);
    }
    const info = buildMultibootInfo({ base: next, ramBytes: bus.ramSize, cmdline: config.cmdline ?? "", modules, memoryMap: pcMemoryMap(bus.ramSize) });
    if (next + info.length > top) throw new MachineConfigError(`the Multiboot information does not fit in ${bus.ramSize >> 20} MiB of RAM after the kernel and modules`);
    bus.writeBytes(next, info);

    writePlatformTables(bus, { cpus: cpus.length, lapicAddress: LAPIC_BASE, ioapicId: target.ioapicId, ioapicAddress: IOAPIC_BASE });

    // As SeaBIOS leaves them: the BSP takes 8259 interrupts through LINT0, every CPU NMIs through LINT1.
    lapics.forEach((l, i) => l.setLint(i === 0 ? 0x700 : 0x10700, 0x400));
    initLegacyPic(bus);

    const bsp = cpus[0]!;
    bsp.enterFlatProtectedMode(kernel.entry, 0x08, 0x10);
    bsp.setRegisters({ eax: MULTIBOOT_BOOTLOADER_MAGIC, ebx: next });
    for (const ap of cpus.slice(1)) ap.init();
  },
};

export { loadMultibootKernel, findMultibootHeader } from "./multiboot-loader.ts";
