// Machine operations in a single host process: COM1 output and the debug-exit port work,
// atomics act on the flat memory, and privileged operations that would change the
// machine (cr writes, descriptor tables, hlt, MSRs) trap with their name.
import type { IntrinsicName } from "../kbc/intrinsics.ts";
import type { KValue } from "./host-runtime.ts";
import { KbcTrap } from "./trap.ts";
import type { KbcMachine } from "./interp.ts";

const COM1 = 0x3f8;
const COM1_LSR = 0x3fd;
const DEBUG_EXIT = 0xf4;

export function runIntrinsic(m: KbcMachine, name: IntrinsicName, st: KValue[]): void {
  const mem = m.memory;
  const pop = () => st.pop() as number;
  switch (name) {
    case "inb": case "inw": case "inl": {
      const port = pop() & 0xffff;
      // The LSR says "transmitter empty" so a serial driver written in KTS can poll it.
      st.push(port === COM1_LSR ? 0x60 : name === "inb" ? 0xff : name === "inw" ? 0xffff : -1);
      return;
    }
    case "outb": case "outw": case "outl": {
      const value = pop(), port = pop() & 0xffff;
      if (port === COM1) m.out.push(value & 0xff);
      else if (port === DEBUG_EXIT) m.requestExit(value & 0xff);
      return;
    }
    case "cli": case "sti": case "pause": case "barrier": return;
    case "read_eflags": st.push(0x202); return;
    case "write_eflags": pop(); return;
    case "read_cr0": case "read_cr2": case "read_cr3": case "read_cr4": st.push(0); return;
    case "rdtsc": st.push(BigInt(m.steps)); return;
    case "cpuid": {
      const out = pop(); pop(); pop();
      for (let k = 0; k < 4; k++) mem.store32(out + 4 * k, 4, 0);
      return;
    }
    case "xchg": {
      const v = pop(), p = pop();
      st.push(mem.load32(p, 4, false));
      mem.store32(p, 4, v);
      return;
    }
    case "cmpxchg": {
      const repl = pop(), expected = pop(), p = pop();
      const old = mem.load32(p, 4, false);
      if (old === (expected | 0)) mem.store32(p, 4, repl);
      st.push(old);
      return;
    }
    case "xadd": {
      const d = pop(), p = pop();
      const old = mem.load32(p, 4, false);
      mem.store32(p, 4, (old + d) | 0);
      st.push(old);
      return;
    }
    case "mmio_read8": st.push(mem.load32(pop(), 1, false)); return;
    case "mmio_read16": st.push(mem.load32(pop(), 2, false)); return;
    case "mmio_read32": st.push(mem.load32(pop(), 4, false)); return;
    case "mmio_write8": case "mmio_write16": case "mmio_write32": {
      const v = pop(), p = pop();
      mem.store32(p, name === "mmio_write8" ? 1 : name === "mmio_write16" ? 2 : 4, v);
      return;
    }
    case "hlt": case "write_cr0": case "write_cr3": case "write_cr4": case "invlpg": case "lgdt": case "lidt": case "ltr": case "rdmsr": case "wrmsr":
      throw new KbcTrap(`${name} has no meaning in the KBC interpreter (it changes the machine)`);
  }
}
