// Random layouts that stress branch relaxation: blocks of varying size joined by short and
// long forward and backward jumps, calls, alignments (some with a maximum), `.skip`s whose
// size depends on label distances, and label differences as immediates and data.

export function relaxationProgram(seed: number, blocks: number): string {
  let state = seed;
  const rnd = (n: number): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state % n;
  };
  const lines = ["\t.text"];
  for (let i = 0; i < blocks; i++) {
    lines.push(`L${i}:`);
    const k = rnd(10);
    const near = Math.max(0, Math.min(blocks - 1, i + rnd(9) - 4));
    if (k < 5) lines.push(`\tj${["mp", "e", "ne", "l", "g"][rnd(5)]} L${near}`);
    if (k === 5) lines.push(`\t.p2align ${rnd(5)}${rnd(3) === 0 ? `,,${rnd(8)}` : ""}`);
    if (k === 6) lines.push(`\tcall L${rnd(blocks)}`);
    if (k === 7) lines.push(`\t.skip ${rnd(3) === 0 ? `(L${rnd(blocks)} - L${rnd(blocks)}) & 15` : 1 + rnd(60)}`);
    lines.push(`\t.skip ${1 + rnd(40)}, 0x90`);
    if (rnd(8) === 0) lines.push(`\tmovl $(L${rnd(blocks)} - L${rnd(blocks)}), %eax`);
    if (rnd(8) === 0) lines.push(`\t.long L${rnd(blocks)} - L${rnd(blocks)}`);
  }
  return lines.join("\n") + "\n";
}
