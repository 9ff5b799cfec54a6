// Intrinsics lowered straight to the instruction they name (see ../kbc/intrinsics.ts for
// operands and results). Operands are popped from the value stack like any op's; fixed
// registers (port in %dx, cpuid's four outputs, rdmsr's edx:eax) are claimed explicitly.
import type { IntrinsicName } from "../kbc/intrinsics.ts";
import { fail, type FunctionContext } from "./context.ts";
import { addressOf } from "./memory.ts";
import { byteReg, fmt, reg, wordReg } from "./operands.ts";

const SIMPLE: Partial<Record<IntrinsicName, string>> = { cli: "cli", sti: "sti", hlt: "hlt", pause: "pause" };

export function intrinsic(ctx: FunctionContext, name: IntrinsicName): void {
  const { vs } = ctx;
  const simple = SIMPLE[name];
  if (simple !== undefined) return void ctx.emit(simple);
  switch (name) {
    case "inb":
    case "inw":
    case "inl": {
      vs.claim("eax");
      const portText = portOperand(ctx);
      if (name === "inb") {
        ctx.emit(`inb ${portText}, %al`);
        ctx.emit("movzbl %al, %eax");
      } else if (name === "inw") {
        ctx.emit(`inw ${portText}, %ax`);
        ctx.emit("movzwl %ax, %eax");
      } else {
        ctx.emit(`inl ${portText}, %eax`);
      }
      vs.pop();
      vs.push32("u32", reg("eax"));
      return;
    }
    case "outb":
    case "outw":
    case "outl": {
      // Operands: port (below), value (top).
      const value = vs.peek(0);
      vs.intoTemp(value, "eax");
      vs.pop();
      const portText = portOperand(ctx);
      const src = name === "outb" ? "%al" : name === "outw" ? "%ax" : "%eax";
      ctx.emit(`${name} ${src}, ${portText}`);
      vs.pop();
      return;
    }
    case "read_eflags": {
      const r = vs.allocTemp();
      ctx.emit("pushfl");
      ctx.emit(`popl %${r}`);
      vs.push32("u32", reg(r));
      return;
    }
    case "write_eflags":
      ctx.emit(`pushl ${fmt(vs.source(vs.peek(0)))}`);
      ctx.emit("popfl");
      vs.pop();
      return;
    case "read_cr0":
    case "read_cr2":
    case "read_cr3":
    case "read_cr4": {
      const r = vs.allocTemp();
      ctx.emit(`movl %${name.slice(5)}, %${r}`);
      vs.push32("u32", reg(r));
      return;
    }
    case "write_cr0":
    case "write_cr3":
    case "write_cr4": {
      const r = vs.intoTemp(vs.peek(0));
      ctx.emit(`movl %${r}, %${name.slice(6)}`);
      vs.pop();
      return;
    }
    case "invlpg":
    case "lgdt":
    case "lidt": {
      const m = addressOf(ctx, vs.peek(0), 0);
      ctx.emit(`${name} ${fmt(m)}`);
      vs.pop();
      return;
    }
    case "ltr": {
      const r = vs.intoTemp(vs.peek(0));
      ctx.emit(`ltr ${wordReg(r)}`);
      vs.pop();
      return;
    }
    case "rdtsc":
      vs.claim("eax");
      vs.claim("edx");
      ctx.emit("rdtsc");
      vs.push64("u64", reg("eax"), reg("edx"));
      return;
    case "rdmsr":
      vs.intoTemp(vs.peek(0), "ecx");
      vs.claim("eax");
      vs.claim("edx");
      ctx.emit("rdmsr");
      vs.pop();
      vs.push64("u64", reg("eax"), reg("edx"));
      return;
    case "wrmsr": {
      // Operands: msr (below), value (u64, top) → ecx and edx:eax.
      vs.intoTemp64(vs.peek(0), "eax", "edx");
      vs.intoTemp(vs.peek(1), "ecx");
      ctx.emit("wrmsr");
      vs.pop();
      vs.pop();
      return;
    }
    case "cpuid": {
      // Operands: leaf, subleaf, out. cpuid writes ebx, which may be a local's home, so the
      // operands travel through the machine stack and ebx/esi are saved around it.
      vs.spillTemps(3);
      for (let i = 0; i < 3; i++) ctx.emit(`pushl ${fmt(vs.source(vs.peek(i)))}`);
      vs.pop();
      vs.pop();
      vs.pop();
      vs.spillTemps();
      vs.claim("eax");
      vs.claim("ecx");
      vs.claim("edx");
      ctx.emit("popl %eax");
      ctx.emit("popl %ecx");
      ctx.emit("xchgl %esi, (%esp)");
      ctx.emit("pushl %ebx");
      ctx.emit("cpuid");
      ctx.emit("movl %eax, (%esi)");
      ctx.emit("movl %ebx, 4(%esi)");
      ctx.emit("movl %ecx, 8(%esi)");
      ctx.emit("movl %edx, 12(%esi)");
      ctx.emit("popl %ebx");
      ctx.emit("popl %esi");
      return;
    }
    case "xchg":
    case "xadd": {
      // Operands: ptr (below), value (top); the old value comes back in the value's register.
      const r = vs.intoTemp(vs.peek(0));
      const m = addressOf(ctx, vs.peek(1), 0);
      ctx.emit(name === "xchg" ? `xchgl %${r}, ${fmt(m)}` : `lock xaddl %${r}, ${fmt(m)}`);
      vs.pop();
      vs.pop();
      vs.push32("u32", reg(r));
      return;
    }
    case "cmpxchg": {
      // Operands: ptr, expected, replacement (top). Expected goes in eax, the old value returns there.
      vs.intoTemp(vs.peek(1), "eax");
      const replacement = vs.intoTemp(vs.peek(0));
      const m = addressOf(ctx, vs.peek(2), 0);
      ctx.emit(`lock cmpxchgl %${replacement}, ${fmt(m)}`);
      vs.pop();
      vs.pop();
      vs.pop();
      vs.push32("u32", reg("eax"));
      return;
    }
    case "barrier":
      // The backend keeps no memory value in a register across ops, so only the CPU needs
      // fencing; a locked no-op is a full fence on every IA-32 part without needing SSE2.
      ctx.emit("lock addl $0, (%esp)");
      return;
    case "mmio_read8":
    case "mmio_read16":
    case "mmio_read32": {
      const m = addressOf(ctx, vs.peek(0), 0);
      const r = vs.allocTemp();
      const mnemonic = name === "mmio_read8" ? "movzbl" : name === "mmio_read16" ? "movzwl" : "movl";
      ctx.emit(`${mnemonic} ${fmt(m)}, %${r}`);
      vs.pop();
      vs.push32("u32", reg(r));
      return;
    }
    case "mmio_write8":
    case "mmio_write16":
    case "mmio_write32": {
      const r = vs.intoTemp(vs.peek(0));
      const m = addressOf(ctx, vs.peek(1), 0);
      const src = name === "mmio_write8" ? byteReg(r) : name === "mmio_write16" ? wordReg(r) : `%${r}`;
      const suffix = name === "mmio_write8" ? "b" : name === "mmio_write16" ? "w" : "l";
      ctx.emit(`mov${suffix} ${src}, ${fmt(m)}`);
      vs.pop();
      vs.pop();
      return;
    }
    default:
      fail(ctx, `intrinsic ${name} has no x86 lowering`);
  }
}

/** The port operand of in/out (top of the stack): `$n` for ports below 256, else %dx. */
function portOperand(ctx: FunctionContext): string {
  const { vs } = ctx;
  const port = vs.peek(0);
  if (port.cc === null && port.lo.kind === "imm" && port.lo.value >= 0 && port.lo.value < 256) return `$${port.lo.value}`;
  vs.intoTemp(port, "edx");
  return "%dx";
}
