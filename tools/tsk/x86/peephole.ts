// A last pass over one function's instructions, removing what the one-pass code generator
// leaves behind at the seams between ops. Rules only look at adjacent lines (a label is a
// line, so nothing is ever moved across a jump target) and never drop an access to memory
// other than the function's own frame, which no other code can observe (volatile and MMIO
// accesses are never in the frame).
const MOV = /^\s+movl (\S+), (\S+)$/;
const FRAME_OR_REG = /^(%e[a-z]{2}|-?\d*\(%ebp\))$/;
const JMP = /^\s+jmp (\S+)$/;

/** Line-table records are not instructions: rules look through them. */
const isLoc = (line: string): boolean => line.startsWith("    .loc ");

export function peephole(lines: string[]): string[] {
  const out: string[] = [];
  const previous = (): string | undefined => {
    for (let i = out.length - 1; i >= 0; i--) if (!isLoc(out[i]!)) return out[i];
    return undefined;
  };
  for (const line of lines) {
    const mov = MOV.exec(line);
    if (mov !== null) {
      // movl %r, %r does nothing.
      if (mov[1] === mov[2]) continue;
      // movl A, B; movl B, A: the second copy writes back the value A already holds.
      const before = previous();
      const prev = before !== undefined ? MOV.exec(before) : null;
      if (prev !== null && prev[1] === mov[2] && prev[2] === mov[1] && FRAME_OR_REG.test(mov[1]!) && FRAME_OR_REG.test(mov[2]!)) continue;
    }
    // jmp L straight before L: falls through anyway.
    if (line.endsWith(":") && out.length > 0) {
      const before = previous();
      const jmp = before !== undefined ? JMP.exec(before) : null;
      if (jmp !== null && `${jmp[1]}:` === line.trim()) out.splice(out.lastIndexOf(before!), 1);
    }
    out.push(line);
  }
  return out;
}
