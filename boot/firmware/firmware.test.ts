import { describe, expect, it } from "vitest";
import { Bus } from "../../machine/bus/bus.ts";
import { VirtualClock } from "../../machine/clock.ts";
import { MachineConfigError } from "../../machine/config.ts";
import { ApicBus } from "../../machine/devices/apic-bus.ts";
import { Lapic } from "../../machine/devices/lapic.ts";
import { RecordingPins } from "../../machine/devices/test-support.ts";
import { FakeCpu } from "../../test/platform/fake-cpu.ts";
import { assembleMultiboot } from "../../test/reference/gnu-image.ts";
import { byteSum } from "./table-bytes.ts";
import { multibootFirmware } from "./index.ts";

const image = assembleMultiboot(`
    .text
    .globl _start
_start:
    hlt
    .bss
    .space 8192
`);

function boot(cpus: number, extra: { cmdline?: string; modules?: { string: string; data: Uint8Array }[]; kernel?: Uint8Array } = {}) {
  const bus = new Bus(128 << 20);
  const apicBus = new ApicBus();
  const clock = new VirtualClock();
  const lapics = Array.from({ length: cpus }, (_, i) => new Lapic(i, apicBus, clock, new RecordingPins()));
  const cores = Array.from({ length: cpus }, (_, i) => new FakeCpu(i, bus, { readTsc: () => 0n }));
  multibootFirmware.boot({ bus, cpus: cores, lapics, ioapicId: 0 }, { cpus, kernel: extra.kernel ?? image, ...extra });
  return { bus, cores, lapics };
}

const u32 = (bus: Bus, a: number) => bus.read(a, 4);
const cstr = (bus: Bus, a: number) => {
  let s = "";
  for (let c = bus.read(a, 1); c !== 0; c = bus.read(++a, 1)) s += String.fromCharCode(c);
  return s;
};

describe("built-in multiboot firmware", () => {
  it("starts the BSP in protected mode with the Multiboot magic and parks the APs", () => {
    const { cores } = boot(4);
    expect(cores[0]!.log).toEqual(["pm 10000c"]); // entry = _start just after the 12-byte header
    expect(cores[0]!.regs.eax).toBe(0x2badb002);
    expect(cores.slice(1).map((c) => c.state)).toEqual(["wait-sipi", "wait-sipi", "wait-sipi"]);
  });

  it("fills the Multiboot info: flags 0x24f, memory, cmdline, modules, memory map", () => {
    const mod = new TextEncoder().encode("module payload");
    const { bus, cores } = boot(1, { cmdline: "console=ttyS0 quiet", modules: [{ string: "initrd.img arg", data: mod }] });
    const mbi = cores[0]!.regs.ebx;
    expect(u32(bus, mbi)).toBe(0x24f);
    expect(u32(bus, mbi + 4)).toBe(639);
    expect(u32(bus, mbi + 8)).toBe(129920); // as QEMU: RAM from 1 MiB up to the reserved top 128 KiB
    expect(cstr(bus, u32(bus, mbi + 16))).toBe("console=ttyS0 quiet");
    expect(u32(bus, mbi + 20)).toBe(1);
    const m = u32(bus, mbi + 24);
    const start = u32(bus, m);
    expect(start % 4096).toBe(0);
    expect(start).toBeGreaterThanOrEqual(0x100000 + 8192);
    expect(new TextDecoder().decode(bus.readBytes(start, u32(bus, m + 4) - start))).toBe("module payload");
    expect(cstr(bus, u32(bus, m + 8))).toBe("initrd.img arg");
    expect(cstr(bus, u32(bus, mbi + 64))).toBe("damselfly");
    const ranges: string[] = [];
    const mmap = u32(bus, mbi + 48);
    for (let a = mmap; a < mmap + u32(bus, mbi + 44); a += u32(bus, a) + 4) {
      ranges.push(`${u32(bus, a + 4).toString(16)}+${u32(bus, a + 12).toString(16)}:${u32(bus, a + 20)}`);
    }
    expect(ranges).toEqual(["0+9fc00:1", "9fc00+400:2", "f0000+10000:2", "100000+7ee0000:1", "7fe0000+20000:2", "fffc0000+40000:2"]);
  });

  it("gives a valid empty cmdline pointer when no -append is given", () => {
    const { bus, cores } = boot(1);
    expect(cstr(bus, u32(bus, cores[0]!.regs.ebx + 16))).toBe("");
  });

  it("publishes an ACPI MADT listing every CPU and the IOAPIC, with valid checksums", () => {
    const { bus } = boot(3);
    let rsdp = -1;
    for (let a = 0xe0000; a < 0x100000; a += 16) if (cstr(bus, a).startsWith("RSD PTR ")) { rsdp = a; break; }
    expect(rsdp).toBeGreaterThan(0);
    expect(byteSum(bus.readBytes(rsdp, 20))).toBe(0);
    const rsdt = u32(bus, rsdp + 16);
    expect(byteSum(bus.readBytes(rsdt, u32(bus, rsdt + 4)))).toBe(0);
    const madt = u32(bus, rsdt + 36);
    expect(String.fromCharCode(...bus.readBytes(madt, 4))).toBe("APIC");
    const len = u32(bus, madt + 4);
    expect(byteSum(bus.readBytes(madt, len))).toBe(0);
    expect(u32(bus, madt + 36)).toBe(0xfee00000);
    const found: string[] = [];
    for (let a = madt + 44; a < madt + len; a += bus.read(a + 1, 1)) {
      const type = bus.read(a, 1);
      if (type === 0) found.push(`cpu ${bus.read(a + 3, 1)}`);
      if (type === 1) found.push(`ioapic ${bus.read(a + 2, 1)} ${u32(bus, a + 4).toString(16)}`);
      if (type === 2 && bus.read(a + 3, 1) === 0) found.push(`override 0 -> ${u32(bus, a + 4)}`);
    }
    expect(found).toEqual(["cpu 0", "cpu 1", "cpu 2", "ioapic 0 fec00000", "override 0 -> 2"]);
  });

  it("publishes an MP table with one processor entry per CPU, the BSP flagged", () => {
    const { bus } = boot(2);
    let fp = -1;
    for (let a = 0xf0000; a < 0x100000; a += 16) if (u32(bus, a) === 0x5f504d5f) { fp = a; break; } // "_MP_"
    expect(byteSum(bus.readBytes(fp, 16))).toBe(0);
    const cfg = u32(bus, fp + 4);
    expect(String.fromCharCode(...bus.readBytes(cfg, 4))).toBe("PCMP");
    const len = bus.read(cfg + 4, 2);
    expect(byteSum(bus.readBytes(cfg, len))).toBe(0);
    const cpus: string[] = [];
    let a = cfg + 44;
    for (let i = 0; i < bus.read(cfg + 34, 2); i++) {
      const type = bus.read(a, 1);
      if (type === 0) cpus.push(`${bus.read(a + 1, 1)}:${bus.read(a + 3, 1)}`);
      if (type === 2) cpus.push(`ioapic ${bus.read(a + 1, 1)} ${u32(bus, a + 4).toString(16)}`);
      a += type === 0 ? 20 : 8;
    }
    expect(cpus).toEqual(["0:3", "1:1", "ioapic 0 fec00000"]);
  });

  it("rejects a file without a Multiboot header in one sentence", () => {
    expect(() => boot(1, { kernel: new TextEncoder().encode("just some text, not a kernel") })).toThrow(MachineConfigError);
    expect(() => boot(1, { kernel: new Uint8Array(100) })).toThrow(/not a Multiboot v1 image: no header with magic 0x1badb002/);
  });

  it("rejects a truncated ELF and a kernel that does not fit in RAM, naming the problem", () => {
    const truncated = image.slice();
    new DataView(truncated.buffer).setUint32(28, truncated.length - 16, true); // e_phoff near the end
    expect(() => boot(1, { kernel: truncated })).toThrow(/run past the end of the file/);
    const big = image.slice();
    const v = new DataView(big.buffer);
    const ph = v.getUint32(28, true);
    v.setUint32(ph + 20, 512 << 20, true); // memsz of segment 0: 512 MiB
    expect(() => boot(1, { kernel: big })).toThrow(/does not fit in 128 MiB of RAM/);
  });
});
