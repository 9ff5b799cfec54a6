// The bare profile's runtime as host functions of the interpreter: the same names and
// output format as tools/tsk/runtime/bare-serial.S (put_hex32: eight lowercase digits).
import type { FlatMemory } from "./memory.ts";

export type KValue = number | bigint;

export interface HostContext {
  memory: FlatMemory;
  out: number[];
}

export type HostFunction = (ctx: HostContext, args: KValue[]) => KValue | undefined;

function text(ctx: HostContext, s: string): void {
  for (let i = 0; i < s.length; i++) ctx.out.push(s.charCodeAt(i));
}

export const HOST_RUNTIME: Record<string, HostFunction> = {
  putc: (ctx, [c]) => { ctx.out.push((c as number) & 0xff); return undefined; },
  puts: (ctx, [p]) => { for (const b of ctx.memory.cString(p as number)) ctx.out.push(b); return undefined; },
  put_i32: (ctx, [v]) => { text(ctx, String((v as number) | 0)); return undefined; },
  put_u32: (ctx, [v]) => { text(ctx, String((v as number) >>> 0)); return undefined; },
  put_hex32: (ctx, [v]) => { text(ctx, ((v as number) >>> 0).toString(16).padStart(8, "0")); return undefined; },
  memset: (ctx, [p, c, n]) => {
    const a = ctx.memory.check(p as number, (n as number) >>> 0 || 1);
    ctx.memory.bytes.fill((c as number) & 0xff, a, a + ((n as number) >>> 0));
    return p;
  },
  memcpy: (ctx, [d, s, n]) => {
    const len = (n as number) >>> 0;
    const src = ctx.memory.check(s as number, len || 1), dst = ctx.memory.check(d as number, len || 1);
    ctx.memory.bytes.copyWithin(dst, src, src + len);
    return d;
  },
};
