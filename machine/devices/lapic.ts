// Local APIC, one per CPU, at 0xFEE00000 (each CPU sees its own). Follows Intel SDM vol. 3A
// chapter 10 (xAPIC mode); version and reset values as QEMU's APIC.
//
// Register map (offsets from the base; 32-bit registers on 16-byte boundaries):
//   0x020 ID            bits 24-31 APIC ID
//   0x030 VERSION       0x00050014: version 0x14, max LVT entry 5
//   0x080 TPR           task priority
//   0x090 APR           arbitration priority (reads as PPR here)
//   0x0A0 PPR           processor priority = max(TPR, class of highest ISR)
//   0x0B0 EOI           write: retire the highest in-service vector
//   0x0D0 LDR           bits 24-31 logical APIC ID
//   0x0E0 DFR           bits 28-31 model: 0xF flat, 0x0 cluster
//   0x0F0 SVR           bits 0-7 spurious vector, bit 8 APIC software enable
//   0x100-0x170 ISR     in-service, 8 x 32 bits
//   0x180-0x1F0 TMR     trigger mode (1 = level) of accepted vectors
//   0x200-0x270 IRR     requested
//   0x280 ESR           error status: write latches, read returns latched errors
//           bit 5 send illegal vector, bit 6 receive illegal vector, bit 7 illegal register
//   0x300 ICR low       bits 0-7 vector, 8-10 delivery mode, 11 logical, 12 delivery status,
//                       14 level, 15 trigger, 18-19 shorthand; writing it sends the IPI
//   0x310 ICR high      bits 24-31 destination
//   0x320 LVT timer     bits 0-7 vector, 16 mask, 17-18 mode (0 one-shot, 1 periodic)
//   0x330 LVT thermal   0x340 LVT perf
//   0x350 LVT LINT0     0x360 LVT LINT1   (bits 8-10 delivery mode: 7 = ExtINT, 4 = NMI)
//   0x370 LVT error
//   0x380 timer initial count   0x390 timer current count (read-only)
//   0x3E0 timer divide configuration: bits 0,1,3 (0b1011 = divide by 1)
// IA32_APIC_BASE MSR 0x1B: bit 8 BSP, bit 11 global enable, bits 12-31 base (fixed here).

import type { MmioHandler, AccessSize } from "../bus/bus.ts";
import type { InterruptSource } from "../cpu/interface.ts";
import type { VirtualClock, ClockTimer } from "../clock.ts";
import { ApicBus, DeliveryMode, Shorthand, type ApicMessage } from "./apic-bus.ts";

export const LAPIC_BASE = 0xfee00000;
export const LAPIC_VERSION = 0x00050014;
export const MSR_APIC_BASE = 0x1b;

const REG_ID = 0x20, REG_VERSION = 0x30, REG_TPR = 0x80, REG_APR = 0x90, REG_PPR = 0xa0;
const REG_EOI = 0xb0, REG_LDR = 0xd0, REG_DFR = 0xe0, REG_SVR = 0xf0;
const REG_ISR = 0x100, REG_TMR = 0x180, REG_IRR = 0x200, REG_ESR = 0x280;
const REG_ICR_LO = 0x300, REG_ICR_HI = 0x310;
const REG_LVT_TIMER = 0x320, REG_LVT_THERMAL = 0x330, REG_LVT_PERF = 0x340;
const REG_LVT_LINT0 = 0x350, REG_LVT_LINT1 = 0x360, REG_LVT_ERROR = 0x370;
const REG_TIMER_INITIAL = 0x380, REG_TIMER_CURRENT = 0x390, REG_TIMER_DIVIDE = 0x3e0;

const LVT_MASKED = 1 << 16;
const SVR_ENABLE = 1 << 8;
const ESR_SEND_ILLEGAL_VECTOR = 1 << 5;
const ESR_RECEIVE_ILLEGAL_VECTOR = 1 << 6;
const ESR_ILLEGAL_REGISTER = 1 << 7;

/** The pins of the CPU this LAPIC sits in front of. */
export interface LapicCpuPins {
  wake(): void;
  nmi(): void;
  init(): void;
  sipi(vector: number): void;
}

/** The 8259 seen through LINT0 in ExtINT mode (virtual-wire mode). */
export interface ExtIntSource {
  hasInterrupt(): boolean;
  acknowledge(): number;
}

export type DeviceLog = (category: string, text: string) => void;

export class Lapic implements MmioHandler, InterruptSource {
  apicId: number;
  private tpr = 0;
  private ldr = 0;
  private dfr = 0xffffffff;
  private svr = 0xff;
  private readonly isr = new Uint32Array(8);
  private readonly tmr = new Uint32Array(8);
  private readonly irr = new Uint32Array(8);
  private esr = 0;
  private esrPending = 0;
  private icrLow = 0;
  private icrHigh = 0;
  private readonly lvt = new Uint32Array(6); // timer, thermal, perf, lint0, lint1, error
  private timerInitial = 0;
  private timerDivideReg = 0;
  private timerStart = 0;
  private timerEvent: ClockTimer | undefined;
  private apicBaseMsr: number;
  extInt: ExtIntSource | undefined;
  /** An ExtINT message arrived and its INTA cycle has not happened yet. */
  private extIntMessage = false;
  /** Interrupts this LAPIC handed to its CPU (for stats). */
  delivered = 0;

  constructor(
    readonly index: number,
    private readonly bus: ApicBus,
    private readonly clock: VirtualClock,
    private readonly pins: LapicCpuPins,
    private readonly log: DeviceLog = () => {},
  ) {
    this.apicId = index;
    this.apicBaseMsr = LAPIC_BASE | (1 << 11) | (index === 0 ? 1 << 8 : 0);
    this.resetRegisters();
    bus.attach(this);
  }

  /** Power-on and INIT state: everything but the APIC ID and the base MSR (SDM 10.4.7.3). */
  resetRegisters(): void {
    this.tpr = 0;
    this.ldr = 0;
    this.dfr = 0xffffffff;
    this.svr = 0xff;
    this.isr.fill(0);
    this.tmr.fill(0);
    this.irr.fill(0);
    this.esr = 0;
    this.esrPending = 0;
    this.icrLow = 0;
    this.icrHigh = 0;
    this.lvt.fill(LVT_MASKED);
    this.timerInitial = 0;
    this.timerDivideReg = 0;
    this.clock.cancel(this.timerEvent);
    this.timerEvent = undefined;
    this.extIntMessage = false;
  }

  get taskPriority(): number {
    return this.tpr;
  }

  get softwareEnabled(): boolean {
    return (this.svr & SVR_ENABLE) !== 0;
  }

  get globallyEnabled(): boolean {
    return (this.apicBaseMsr & (1 << 11)) !== 0;
  }

  /** Firmware hook: program LINT0/LINT1 as a BIOS leaves them (ExtINT / NMI on the BSP). */
  setLint(lint0: number, lint1: number): void {
    this.lvt[3] = lint0 >>> 0;
    this.lvt[4] = lint1 >>> 0;
  }

  readMsr(msr: number): bigint | undefined {
    return msr === MSR_APIC_BASE ? BigInt(this.apicBaseMsr >>> 0) : undefined;
  }

  writeMsr(msr: number, value: bigint): boolean {
    if (msr !== MSR_APIC_BASE) return false;
    const v = Number(value & 0xffffffffn);
    if ((v & 0xfffff000) >>> 0 !== LAPIC_BASE) this.log("unimp", `lapic ${this.index}: relocating the APIC base to 0x${(v & 0xfffff000).toString(16)} is not supported`);
    this.apicBaseMsr = (LAPIC_BASE | (v & (1 << 11)) | (this.apicBaseMsr & (1 << 8))) >>> 0;
    if (!this.globallyEnabled) this.resetRegisters();
    return true;
  }

  // ---- logical destination --------------------------------------------------------------

  matchesLogical(mda: number): boolean {
    const logicalId = this.ldr >>> 24;
    if ((this.dfr >>> 28) === 0xf) return (logicalId & mda) !== 0; // flat model
    // Cluster model: high nibble names the cluster (0xF broadcasts), low nibble the members.
    const cluster = mda >>> 4;
    return (cluster === 0xf || cluster === logicalId >>> 4) && (mda & logicalId & 0xf) !== 0;
  }

  // ---- accepting interrupts -------------------------------------------------------------

  receive(msg: ApicMessage): void {
    switch (msg.deliveryMode) {
      case DeliveryMode.Fixed:
      case DeliveryMode.LowestPriority:
        this.acceptVector(msg.vector, msg.levelTriggered);
        return;
      case DeliveryMode.Nmi:
        this.pins.nmi();
        return;
      case DeliveryMode.Init:
        if (!msg.assert && msg.levelTriggered) return; // INIT level de-assert: arbitration only
        this.resetRegisters();
        this.pins.init();
        return;
      case DeliveryMode.StartUp:
        this.pins.sipi(msg.vector);
        return;
      case DeliveryMode.ExtInt:
        // An ExtINT message (IOAPIC pin programmed as ExtINT): the vector comes from the 8259.
        this.extIntMessage = true;
        this.pins.wake();
        return;
      default:
        this.log("unimp", `lapic ${this.index}: delivery mode ${msg.deliveryMode} ignored`);
    }
  }

  /** Put a vector into the IRR (edge) and tell the CPU. */
  acceptVector(vector: number, levelTriggered: boolean): void {
    if (vector < 16) {
      this.raiseError(ESR_RECEIVE_ILLEGAL_VECTOR);
      return;
    }
    setBit(this.irr, vector);
    if (levelTriggered) setBit(this.tmr, vector);
    else clearBit(this.tmr, vector);
    this.pins.wake();
  }

  private raiseError(bits: number): void {
    this.esrPending |= bits;
    const lvtError = this.lvt[5]!;
    if ((lvtError & LVT_MASKED) === 0) this.acceptVector(lvtError & 0xff, false);
  }

  private processorPriority(): number {
    const isrv = highestBit(this.isr);
    const isrClass = isrv < 0 ? 0 : isrv & 0xf0;
    return (this.tpr & 0xf0) >= isrClass ? this.tpr & 0xff : isrClass;
  }

  private extIntRouted(): boolean {
    if (this.extInt === undefined) return false;
    if (this.extIntMessage) return true;
    if (!this.globallyEnabled) return this.index === 0; // APIC off: INTR goes straight to the BSP
    const lint0 = this.lvt[3]!;
    return (lint0 & LVT_MASKED) === 0 && ((lint0 >> 8) & 7) === DeliveryMode.ExtInt;
  }

  hasPending(): boolean {
    if (this.softwareEnabled && this.globallyEnabled) {
      const v = highestBit(this.irr);
      if (v >= 0 && (v & 0xf0) > (this.processorPriority() & 0xf0)) return true;
    }
    return this.extIntRouted() && this.extInt!.hasInterrupt();
  }

  acknowledge(): number {
    if (this.softwareEnabled && this.globallyEnabled) {
      const v = highestBit(this.irr);
      if (v >= 0 && (v & 0xf0) > (this.processorPriority() & 0xf0)) {
        clearBit(this.irr, v);
        setBit(this.isr, v);
        this.delivered++;
        this.log("int", `CPU#${this.index}: Servicing hardware INT=0x${hex2(v)}`);
        return v;
      }
    }
    if (this.extIntRouted() && this.extInt!.hasInterrupt()) {
      this.delivered++;
      const v = this.extInt!.acknowledge();
      this.extIntMessage = false;
      this.log("int", `CPU#${this.index}: Servicing hardware INT=0x${hex2(v)} (8259)`);
      return v;
    }
    return this.svr & 0xff; // spurious: the request vanished between check and acknowledge
  }

  private eoi(): void {
    const v = highestBit(this.isr);
    if (v < 0) return;
    clearBit(this.isr, v);
    if (testBit(this.tmr, v)) {
      clearBit(this.tmr, v);
      this.bus.broadcastEoi(v);
    }
    if (this.hasPending()) this.pins.wake();
  }

  // ---- timer ----------------------------------------------------------------------------

  private timerDivisor(): number {
    const d = this.timerDivideReg;
    const code = (d & 3) | ((d & 8) >> 1);
    return code === 7 ? 1 : 2 << code;
  }

  private timerPeriodic(): boolean {
    return ((this.lvt[0]! >> 17) & 3) === 1;
  }

  private timerCurrent(): number {
    if (this.timerInitial === 0) return 0;
    const ticks = Math.floor((this.clock.now() - this.timerStart) / this.timerDivisor());
    if (this.timerPeriodic()) return this.timerInitial - (ticks % this.timerInitial);
    return ticks >= this.timerInitial ? 0 : this.timerInitial - ticks;
  }

  private armTimer(): void {
    this.clock.cancel(this.timerEvent);
    this.timerEvent = undefined;
    if (this.timerInitial === 0) return;
    const period = this.timerInitial * this.timerDivisor();
    const elapsed = this.clock.now() - this.timerStart;
    let at: number;
    if (this.timerPeriodic()) at = this.timerStart + (Math.floor(elapsed / period) + 1) * period;
    else if (elapsed < period) at = this.timerStart + period;
    else return;
    this.timerEvent = this.clock.schedule(at, () => this.timerExpired(at));
  }

  private timerExpired(at: number): void {
    this.timerEvent = undefined;
    const lvt = this.lvt[0]!;
    if ((lvt & LVT_MASKED) === 0) this.acceptVector(lvt & 0xff, false);
    if (this.timerPeriodic() && this.timerInitial !== 0) {
      const next = at + this.timerInitial * this.timerDivisor();
      this.timerEvent = this.clock.schedule(next, () => this.timerExpired(next));
    }
  }

  // ---- MMIO -----------------------------------------------------------------------------

  read(offset: number, size: AccessSize): number {
    const reg = offset & 0xff0;
    const value = this.readRegister(reg);
    const shift = (offset & 3) * 8;
    return size === 4 ? value : (value >>> shift) & (size === 1 ? 0xff : 0xffff);
  }

  write(offset: number, size: AccessSize, value: number): void {
    if (size !== 4 || (offset & 0xf) !== 0) {
      this.log("guest_errors", `lapic ${this.index}: ${size}-byte write at offset 0x${offset.toString(16)} ignored (the LAPIC takes aligned 32-bit writes)`);
      return;
    }
    this.writeRegister(offset & 0xff0, value >>> 0);
  }

  readRegister(reg: number): number {
    switch (reg) {
      case REG_ID: return (this.apicId << 24) >>> 0;
      case REG_VERSION: return LAPIC_VERSION;
      case REG_TPR: return this.tpr;
      case REG_APR: return this.processorPriority();
      case REG_PPR: return this.processorPriority();
      case REG_LDR: return this.ldr;
      case REG_DFR: return this.dfr;
      case REG_SVR: return this.svr;
      case REG_ESR: return this.esr;
      case REG_ICR_LO: return this.icrLow & ~(1 << 12); // delivery is instantaneous: always idle
      case REG_ICR_HI: return this.icrHigh;
      case REG_LVT_TIMER: return this.lvt[0]!;
      case REG_LVT_THERMAL: return this.lvt[1]!;
      case REG_LVT_PERF: return this.lvt[2]!;
      case REG_LVT_LINT0: return this.lvt[3]!;
      case REG_LVT_LINT1: return this.lvt[4]!;
      case REG_LVT_ERROR: return this.lvt[5]!;
      case REG_TIMER_INITIAL: return this.timerInitial;
      case REG_TIMER_CURRENT: return this.timerCurrent();
      case REG_TIMER_DIVIDE: return this.timerDivideReg;
      default:
        if (reg >= REG_ISR && reg < REG_ISR + 0x80) return this.isr[(reg - REG_ISR) >> 4]!;
        if (reg >= REG_TMR && reg < REG_TMR + 0x80) return this.tmr[(reg - REG_TMR) >> 4]!;
        if (reg >= REG_IRR && reg < REG_IRR + 0x80) return this.irr[(reg - REG_IRR) >> 4]!;
        return 0;
    }
  }

  writeRegister(reg: number, value: number): void {
    switch (reg) {
      case REG_ID: this.apicId = value >>> 24; return;
      case REG_TPR: this.tpr = value & 0xff; if (this.hasPending()) this.pins.wake(); return;
      case REG_EOI: this.eoi(); return;
      case REG_LDR: this.ldr = (value & 0xff000000) >>> 0; return;
      case REG_DFR: this.dfr = (value | 0x0fffffff) >>> 0; return;
      case REG_SVR:
        this.svr = value & 0x3ff;
        if (!this.softwareEnabled) for (let i = 0; i < 6; i++) this.lvt[i] = (this.lvt[i]! | LVT_MASKED) >>> 0;
        else if (this.hasPending()) this.pins.wake();
        return;
      case REG_ESR: this.esr = this.esrPending; this.esrPending = 0; return;
      case REG_ICR_HI: this.icrHigh = (value & 0xff000000) >>> 0; return;
      case REG_ICR_LO: this.icrLow = value & 0x000cdfff; this.sendIpi(); return;
      case REG_LVT_TIMER: this.writeLvt(0, value & 0x700ff); this.armTimer(); return;
      case REG_LVT_THERMAL: this.writeLvt(1, value & 0x107ff); return;
      case REG_LVT_PERF: this.writeLvt(2, value & 0x107ff); return;
      case REG_LVT_LINT0: this.writeLvt(3, value & 0x1a7ff); return;
      case REG_LVT_LINT1: this.writeLvt(4, value & 0x1a7ff); return;
      case REG_LVT_ERROR: this.writeLvt(5, value & 0x100ff); return;
      case REG_TIMER_INITIAL:
        this.timerInitial = value >>> 0;
        this.timerStart = this.clock.now();
        this.armTimer();
        return;
      case REG_TIMER_DIVIDE: {
        // Keep the current count continuous across a divider change.
        const current = this.timerCurrent();
        this.timerDivideReg = value & 0xb;
        if (this.timerInitial !== 0) {
          this.timerStart = this.clock.now() - (this.timerInitial - current) * this.timerDivisor();
          this.armTimer();
        }
        return;
      }
      case REG_VERSION: case REG_APR: case REG_PPR: case REG_TIMER_CURRENT:
        return; // read-only
      default:
        if (reg >= REG_ISR && reg < REG_IRR + 0x80) return; // read-only arrays
        this.log("guest_errors", `lapic ${this.index}: write to reserved register 0x${reg.toString(16)}`);
        this.raiseError(ESR_ILLEGAL_REGISTER);
    }
  }

  private writeLvt(i: number, value: number): void {
    // While software-disabled, the mask bits stay set (SDM 10.4.7.2).
    this.lvt[i] = (this.softwareEnabled ? value : value | LVT_MASKED) >>> 0;
  }

  private sendIpi(): void {
    const lo = this.icrLow;
    const msg: ApicMessage = {
      vector: lo & 0xff,
      deliveryMode: ((lo >> 8) & 7) as DeliveryMode,
      logical: (lo & (1 << 11)) !== 0,
      dest: this.icrHigh >>> 24,
      levelTriggered: (lo & (1 << 15)) !== 0,
      assert: (lo & (1 << 14)) !== 0,
    };
    const fixedLike = msg.deliveryMode === DeliveryMode.Fixed || msg.deliveryMode === DeliveryMode.LowestPriority;
    if (fixedLike && msg.vector < 16) {
      this.raiseError(ESR_SEND_ILLEGAL_VECTOR);
      return;
    }
    this.bus.send(msg, ((lo >> 18) & 3) as Shorthand, this);
  }

  // ---- monitor --------------------------------------------------------------------------

  /** Lines for the monitor's `info lapic`. */
  describe(): string[] {
    const hex = (v: number) => "0x" + (v >>> 0).toString(16).padStart(8, "0");
    const vecs = (a: Uint32Array) => listBits(a).join(" ") || "(none)";
    return [
      `lapic ${this.index}: id ${this.apicId} version ${hex(LAPIC_VERSION)} base ${hex(this.apicBaseMsr)} svr ${hex(this.svr)}${this.softwareEnabled ? "" : " (software-disabled)"}`,
      `  tpr ${hex(this.tpr)} ppr ${hex(this.processorPriority())} ldr ${hex(this.ldr)} dfr ${hex(this.dfr)} esr ${hex(this.esr)}`,
      `  icr ${hex(this.icrHigh)}:${hex(this.icrLow)}`,
      `  lvt timer ${hex(this.lvt[0]!)} lint0 ${hex(this.lvt[3]!)} lint1 ${hex(this.lvt[4]!)} error ${hex(this.lvt[5]!)}`,
      `  timer initial ${this.timerInitial} current ${this.timerCurrent()} divide ${this.timerDivisor()}`,
      `  irr ${vecs(this.irr)}  isr ${vecs(this.isr)}  tmr ${vecs(this.tmr)}`,
    ];
  }
}

function hex2(v: number): string {
  return v.toString(16).padStart(2, "0");
}
function setBit(a: Uint32Array, v: number): void {
  a[v >> 5] = (a[v >> 5]! | (1 << (v & 31))) >>> 0;
}
function clearBit(a: Uint32Array, v: number): void {
  a[v >> 5] = (a[v >> 5]! & ~(1 << (v & 31))) >>> 0;
}
function testBit(a: Uint32Array, v: number): boolean {
  return (a[v >> 5]! & (1 << (v & 31))) !== 0;
}
function highestBit(a: Uint32Array): number {
  for (let w = 7; w >= 0; w--) {
    const x = a[w]!;
    if (x !== 0) return w * 32 + 31 - Math.clz32(x);
  }
  return -1;
}
function listBits(a: Uint32Array): number[] {
  const out: number[] = [];
  for (let v = 0; v < 256; v++) if (testBit(a, v)) out.push(v);
  return out;
}
