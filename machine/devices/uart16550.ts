// 16550A UART (National Semiconductor PC16550D datasheet) on COM1: ports 0x3F8-0x3FF, IRQ4.
// Transmission is instantaneous (each THR write is one output event); received bytes wait
// in a host-side queue and enter the 16-byte receive FIFO as it drains, so pasted input is
// never lost to overrun.
//
// Register map (offset from 0x3F8; DLAB = LCR bit 7):
//   0 read RBR / write THR          (DLAB=1: divisor latch low)
//   1 IER: bit 0 received data, 1 THR empty, 2 line status, 3 modem status  (DLAB=1: DLL high)
//   2 read IIR: bit 0 = 1 no interrupt; bits 1-3 id: 3 line status, 2 data, 6 timeout,
//             1 THR empty, 0 modem status; bits 6-7 = 11 when the FIFOs are enabled
//     write FCR: bit 0 enable FIFOs, 1 clear RX, 2 clear TX, bits 6-7 RX trigger (1/4/8/14)
//   3 LCR   4 MCR: bit 4 loopback   5 LSR: bit 0 data ready, 1 overrun, 5 THR empty, 6 idle
//   6 MSR   7 SCR scratch

import type { AccessSize, Bus, PortHandler } from "../bus/bus.ts";
import type { IrqLine } from "./isa-irq.ts";

const FIFO_SIZE = 16;
const TRIGGER_LEVELS = [1, 4, 8, 14];

const IER_RDA = 1, IER_THRE = 2, IER_RLS = 4, IER_MS = 8;
const LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40;
const MCR_LOOP = 0x10;

export class Uart16550 implements PortHandler {
  private rx: number[] = [];
  /** Input the host has sent that does not fit the receive FIFO yet. */
  private backlog: number[] = [];
  private ier = 0;
  private lcr = 0x03;
  private mcr = 0;
  private scr = 0;
  private dll = 0x0c; // 9600 baud
  private dlm = 0;
  private fcr = 0;
  private overrun = false;
  /** THR-empty interrupt is pending until IIR is read or THR written (datasheet table 4). */
  private threPending = false;
  private irqLevel = false;
  /** Output bytes, one call each; the machine turns them into `serial0-output-byte` events. */
  onOutput: (byte: number) => void = () => {};

  constructor(
    bus: Bus,
    private readonly irq: IrqLine,
    readonly base = 0x3f8,
  ) {
    bus.claimPorts(base, 8, "uart16550", this);
  }

  /** Bytes typed by the user. */
  receive(bytes: Iterable<number>): void {
    for (const b of bytes) this.backlog.push(b & 0xff);
    this.fillFifo();
    this.updateIrq();
  }

  /** Bytes waiting to be read by the guest (FIFO and backlog). */
  get pendingInput(): number {
    return this.rx.length + this.backlog.length;
  }

  private get fifoEnabled(): boolean {
    return (this.fcr & 1) !== 0;
  }

  private fillFifo(): void {
    const room = this.fifoEnabled ? FIFO_SIZE : 1;
    while (this.backlog.length > 0 && this.rx.length < room) this.rx.push(this.backlog.shift()!);
  }

  private interruptId(): number {
    if ((this.ier & IER_RLS) !== 0 && this.overrun) return 0x06;
    if ((this.ier & IER_RDA) !== 0 && this.rx.length > 0) {
      const trigger = this.fifoEnabled ? TRIGGER_LEVELS[this.fcr >> 6]! : 1;
      // Below the trigger level the chip reports a character timeout after 4 character
      // times; with instantaneous lines that is "now".
      return this.rx.length >= trigger ? 0x04 : 0x0c;
    }
    if ((this.ier & IER_THRE) !== 0 && this.threPending) return 0x02;
    return 0x01;
  }

  private updateIrq(): void {
    const level = this.interruptId() !== 0x01;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq(level);
    }
  }

  read(port: number, _size: AccessSize): number {
    const dlab = (this.lcr & 0x80) !== 0;
    let v: number;
    switch (port - this.base) {
      case 0:
        if (dlab) return this.dll;
        v = this.rx.length > 0 ? this.rx.shift()! : 0;
        this.fillFifo();
        break;
      case 1:
        return dlab ? this.dlm : this.ier;
      case 2: {
        v = this.interruptId() | (this.fifoEnabled ? 0xc0 : 0);
        if ((v & 0x0f) === 0x02) this.threPending = false;
        break;
      }
      case 3: return this.lcr;
      case 4: return this.mcr;
      case 5: {
        v = (this.rx.length > 0 ? LSR_DR : 0) | (this.overrun ? LSR_OE : 0) | LSR_THRE | LSR_TEMT;
        this.overrun = false;
        break;
      }
      case 6:
        // Loopback wires RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD; otherwise a cable with
        // CTS, DSR and DCD asserted.
        return (this.mcr & MCR_LOOP) !== 0 ? ((this.mcr & 0x0f) << 4) : 0xb0;
      default:
        return this.scr;
    }
    this.updateIrq();
    return v & 0xff;
  }

  write(port: number, _size: AccessSize, value: number): void {
    value &= 0xff;
    const dlab = (this.lcr & 0x80) !== 0;
    switch (port - this.base) {
      case 0:
        if (dlab) {
          this.dll = value;
          return;
        }
        if ((this.mcr & MCR_LOOP) !== 0) {
          if (this.rx.length < (this.fifoEnabled ? FIFO_SIZE : 1)) this.rx.push(value);
          else this.overrun = true;
        } else {
          this.onOutput(value);
        }
        this.threPending = true; // the byte left at once: THR is empty again
        break;
      case 1:
        if (dlab) {
          this.dlm = value;
          return;
        }
        // Enabling the THRE interrupt while THR is empty raises it immediately.
        if ((value & IER_THRE) !== 0 && (this.ier & IER_THRE) === 0) this.threPending = true;
        this.ier = value & (IER_RDA | IER_THRE | IER_RLS | IER_MS);
        break;
      case 2:
        if ((value & 1) !== (this.fcr & 1) || (value & 2) !== 0) this.rx = [];
        this.fcr = value & 0xc1;
        this.fillFifo();
        break;
      case 3: this.lcr = value; return;
      case 4: this.mcr = value & 0x1f; break;
      case 5: case 6: return; // read-only (factory test writes ignored)
      default: this.scr = value; return;
    }
    this.updateIrq();
  }
}
