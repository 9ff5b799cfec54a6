// LEB128, the variable-length integers of DWARF line programs and call-frame instructions.
// Division rather than shifts, so values beyond 32 bits (addresses, large advances) stay exact.

export function pushUleb(out: number[], v: number): void {
  do {
    let b = v & 0x7f;
    v = Math.floor(v / 128);
    if (v !== 0) b |= 0x80;
    out.push(b);
  } while (v !== 0);
}

export function pushSleb(out: number[], v: number): void {
  for (;;) {
    const b = v & 0x7f;
    v = Math.floor(v / 128);
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) {
      out.push(b);
      return;
    }
    out.push(b | 0x80);
  }
}

export function ulebSize(v: number): number {
  const o: number[] = [];
  pushUleb(o, v);
  return o.length;
}
