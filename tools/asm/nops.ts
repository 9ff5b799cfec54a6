// Padding for alignment inside code: the no-op sequences GNU as uses for i386 when no -march
// is given (its "f32" and "f16" patterns), including its jump over long runs of padding.

import { pushLittleEndian } from "./encoder.ts";

/** Bytes of padding that `.p2align pow,,max` inserts at `address` (0 when more than max). */
export function alignmentPadding(address: number, pow: number, max: number): number {
  const pad = (2 ** pow - (address % 2 ** pow)) % 2 ** pow;
  return max > 0 && pad > max ? 0 : pad;
}

// Index n-1 holds the n-byte no-op; null where the pattern set has no such length.
const NOPS32: (number[] | null)[] = [
  [0x90], // nop
  [0x66, 0x90], // xchg %ax,%ax
  [0x8d, 0x76, 0x00], // lea 0(%esi),%esi
  [0x8d, 0x74, 0x26, 0x00], // lea 0(%esi,%eiz,1),%esi
  null,
  [0x8d, 0xb6, 0x00, 0x00, 0x00, 0x00], // lea 0L(%esi),%esi
  [0x8d, 0xb4, 0x26, 0x00, 0x00, 0x00, 0x00], // lea 0L(%esi,%eiz,1),%esi
];
const NOPS16: (number[] | null)[] = [
  [0x90],
  [0x66, 0x90],
  [0x8d, 0x74, 0x00], // lea 0(%si),%si
  [0x8d, 0xb4, 0x00, 0x00], // lea 0W(%si),%si
];

/** More than this many longest no-ops in a row, and a jump over the padding is cheaper. */
const MAX_NOPS = 2;

export function alignmentNops(count: number, code16: boolean): number[] {
  const patterns = code16 ? NOPS16 : NOPS32;
  const out: number[] = [];
  if (count <= 0) return out;
  if (Math.floor(count / patterns.length) > MAX_NOPS) {
    const disp = count - 2;
    if (disp <= 127) {
      out.push(0xeb, disp);
      count = disp;
    } else {
      if (code16) out.push(0x66, 0xe9);
      else out.push(0xe9);
      count -= out.length + 4;
      pushLittleEndian(out, count, 4);
    }
  }
  let longest = patterns.length;
  if (patterns[longest - 1] === null) longest--;
  const last = count % longest;
  for (let i = 0; i < count - last; i += longest) out.push(...patterns[longest - 1]!);
  if (last > 0) {
    const p = patterns[last - 1];
    if (p !== null) out.push(...p);
    else out.push(...patterns[last - 2]!, 0x90);
  }
  return out;
}
