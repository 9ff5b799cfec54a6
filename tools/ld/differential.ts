// Random link problems for differential testing against GNU ld: a few objects with sections
// of random kinds, sizes and alignments, symbols referencing each other across objects,
// COMMON symbols, and a random script built from the features both linkers share. The
// generator is seeded, so a failing case can be reproduced from its number.

export interface GeneratedCase {
  /** Assembly text per object (file name → source). */
  sources: Record<string, string>;
  script: string;
}

class Random {
  constructor(private seed: number) {}
  next(): number {
    this.seed = (Math.imul(this.seed, 1103515245) + 12345) & 0x7fffffff;
    return this.seed;
  }
  below(n: number): number { return this.next() % n; }
  pick<T>(items: readonly T[]): T { return items[this.below(items.length)]!; }
  chance(percent: number): boolean { return this.below(100) < percent; }
}

const KINDS = [
  { name: ".text", flags: "ax", bss: false },
  { name: ".text.fast", flags: "ax", bss: false },
  { name: ".rodata", flags: "a", bss: false },
  { name: ".rodata.tables", flags: "a", bss: false },
  { name: ".data", flags: "aw", bss: false },
  { name: ".data.percpu", flags: "aw", bss: false },
  { name: ".bss", flags: "aw", bss: true },
  { name: ".extra", flags: "aw", bss: false },
  { name: ".extra_ro", flags: "a", bss: false },
] as const;

export function generateCase(seed: number): GeneratedCase {
  const r = new Random(seed * 7919 + 17);
  const objectCount = 1 + r.below(4);
  const globals: string[] = [];
  const sources: Record<string, string> = {};
  const plans: { name: string; lines: string[] }[] = [];
  for (let o = 0; o < objectCount; o++) {
    const lines: string[] = [];
    const sectionCount = 1 + r.below(6);
    for (let s = 0; s < sectionCount; s++) {
      const kind = r.pick(KINDS);
      const flagsText = kind.bss ? `"${kind.flags}", @nobits` : `"${kind.flags}", @progbits`;
      lines.push(`    .section ${kind.name}, ${flagsText}`, `    .p2align ${r.below(5)}`);
      const items = 1 + r.below(4);
      for (let i = 0; i < items; i++) {
        const label = `sym_${o}_${s}_${i}`;
        if (r.chance(60)) { lines.push(`    .globl ${label}`); globals.push(label); }
        lines.push(`${label}:`);
        if (kind.bss) lines.push(`    .skip ${1 + r.below(40)}`);
        else if (kind.flags === "ax") lines.push("    nop", `    movl $${r.below(1000)}, %eax`, "    ret");
        else lines.push(`    .byte ${r.below(256)}, ${r.below(256)}`, `    .skip ${r.below(9)}, 0x${r.below(256).toString(16)}`);
      }
    }
    if (r.chance(50)) lines.push(`    .comm common_${r.below(4)}, ${1 + r.below(64)}, ${1 << r.below(5)}`);
    plans.push({ name: `obj${o}.o`, lines });
  }
  // References: absolute words in data and calls in code, to symbols anywhere.
  for (const p of plans) {
    if (globals.length === 0) break;
    p.lines.push("    .section .data.refs, \"aw\", @progbits");
    for (let i = 0; i < 1 + r.below(4); i++) p.lines.push(`    .long ${r.pick(globals)} + ${r.below(16)}`);
    p.lines.push("    .text");
    for (let i = 0; i < r.below(3); i++) p.lines.push(`    call ${r.pick(globals)}`);
  }
  plans[0]!.lines.push("    .text", "    .globl _start", "_start:", "    ret");
  for (const p of plans) sources[p.name] = p.lines.join("\n") + "\n";
  return { sources, script: generateScript(r) };
}

function generateScript(r: Random): string {
  const lines = ["ENTRY(_start)", "SECTIONS", "{", `  . = 0x${(0x100000 + r.below(16) * 0x1000 + (r.chance(30) ? r.below(0x1000) : 0)).toString(16)};`];
  const higherHalf = r.chance(15);
  if (higherHalf) lines.push("  . += 0xC0000000;");
  const text = r.chance(50) ? "*(.text .text.*)" : r.chance(50) ? "*(.text.fast) *(.text)" : "*(SORT(.text*))";
  const textFill = r.chance(20) ? " =0x90909090" : r.chance(10) ? " =0xcc" : "";
  lines.push(`  .text${higherHalf ? " : AT(ADDR(.text) - 0xC0000000)" : " :"} { ${text} }${textFill}`);
  if (r.chance(40)) lines.push(`  . = ALIGN(0x${(1 << (2 + r.below(11))).toString(16)});`);
  if (r.chance(30)) lines.push(`  text_end = .;`);
  if (r.chance(20)) lines.push("  PROVIDE(sym_0_0_0 = 0x1234);", "  PROVIDE(provided_only = .);");
  const roAt = r.chance(20) ? ` ALIGN(0x${(1 << r.below(13)).toString(16)})` : "";
  const roSub = r.chance(15) ? ` SUBALIGN(${1 << r.below(6)})` : "";
  // Orphans after AT() sections are left out when higher-half: GNU ld's own empty .got
  // sections shift their load addresses there (a documented difference).
  lines.push(`  .rodata${roAt} :${roSub} { *(.rodata .rodata.*)${higherHalf || r.chance(30) ? " *(.extra_ro)" : ""} }`);
  if (r.chance(50)) lines.push("  . = ALIGN(0x1000);");
  const dataBody = higherHalf ? ["*(.data)", "*(.data.*)", "*(.extra)"] : ["*(.data)", "*(.data.*)"];
  if (r.chance(40)) dataBody.push("LONG(0x12345678)");
  if (r.chance(20)) dataBody.push("BYTE(1) SHORT(0x2233)");
  if (r.chance(30)) dataBody.push(". = ALIGN(8);");
  if (r.chance(30)) dataBody.push("data_mark = .;");
  if (r.chance(15)) dataBody.push(`. += ${r.below(64)};`);
  lines.push(`  .data : { ${dataBody.join(" ")} }`);
  const noload = r.chance(20) ? " (NOLOAD)" : "";
  lines.push(`  .bss${noload} : { ${r.chance(50) ? "bss_start = .; " : ""}*(.bss) *(COMMON) }`);
  if (r.chance(50)) lines.push("  _end = .;");
  if (r.chance(30)) lines.push(`  size_all = _end_marker_dummy_never_used_${r.below(2)} == 0 ? 0 : 1;`.replace(/_end_marker_dummy_never_used_\d/, "SIZEOF(.text) + SIZEOF(.data)"));
  lines.push("  /DISCARD/ : { *(.comment) }", "}");
  return lines.join("\n") + "\n";
}
