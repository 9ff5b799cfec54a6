// Address assignment: running the script's statements in order with a location counter,
// giving each output section its address, load address and size, each input section its
// offset, and each script symbol its value. Scripts may refer forward (`ADDR(.bss)` before
// .bss is placed, a symbol defined further down), so the statements are run again until
// nothing changes, the way GNU ld relaxes its layout.
import { SHF_ALLOC } from "../elf/index.ts";
import type { Assignment as SectionAssignment } from "./assign.ts";
import { LinkError, hex } from "./errors.ts";
import { deriveTypeAndFlags, type OutputSection } from "./output-section.ts";
import type { InputSection } from "./input.ts";
import type { Assertion, Assignment, DataStatement, OutputSectionStatement, SectionBodyItem } from "./script/ast.ts";
import { alignUp, evaluate, type EvalContext, type Value } from "./script/evaluate.ts";
import type { SymbolTable } from "./symbols.ts";

export interface LayoutOptions {
  /** -Ttext/-Tdata/-Tbss/--section-start: fixed addresses that override the script. */
  sectionStarts: Map<string, number>;
  maxPageSize: number;
  /** Size of ELF header + program headers for a given set of placed sections. */
  sizeofHeaders: (outputs: OutputSection[]) => number;
}

export interface Layout {
  /** Output sections that exist in the file, in script order. */
  outputs: OutputSection[];
  /** Script assignments with their final values, for the map file. */
  assignments: { statement: Assignment; value: number; inSection?: OutputSection }[];
}

const MAX_PASSES = 8;

export function layoutSections(assigned: SectionAssignment, symbols: SymbolTable, options: LayoutOptions): Layout {
  const provided = new Set<string>();
  let previousSnapshot = "";
  let sizeofHeaders = 52;
  for (let pass = 0; ; pass++) {
    const run = new LayoutPass(assigned, symbols, options, provided, sizeofHeaders);
    run.execute();
    const outputs = run.keptOutputs();
    sizeofHeaders = options.sizeofHeaders(outputs);
    const snapshot = run.snapshot() + `|${sizeofHeaders}`;
    if (run.unresolved.length === 0 && snapshot === previousSnapshot) {
      run.checkAssertions();
      return { outputs, assignments: run.assignments };
    }
    if (pass === MAX_PASSES - 1) {
      if (run.unresolved.length > 0) {
        throw new LinkError(run.unresolved.map(([name, at]) => `${at}: undefined symbol \`${name}' referenced in expression`));
      }
      throw new LinkError(`${assigned.statements.length > 0 ? "linker script" : "layout"}: addresses did not settle after ${MAX_PASSES} passes (a symbol or section address depends on itself)`);
    }
    previousSnapshot = snapshot;
  }
}

class LayoutPass {
  dot = 0;
  readonly unresolved: [string, string][] = [];
  readonly assignments: Layout["assignments"] = [];
  private readonly assertions: { a: Assertion; cx: EvalContext }[] = [];
  private previousAllocated: OutputSection | undefined;

  constructor(
    private readonly assigned: SectionAssignment,
    private readonly symbols: SymbolTable,
    private readonly options: LayoutOptions,
    private readonly provided: Set<string>,
    private readonly sizeofHeaders: number,
  ) {}

  execute(): void {
    for (const st of this.assigned.statements) {
      if (st.kind === "assign") this.assign(st, undefined, this.context(undefined));
      else if (st.kind === "assert") this.assertions.push({ a: st, cx: this.context(undefined) });
      else this.section(st);
    }
  }

  keptOutputs(): OutputSection[] {
    const list: OutputSection[] = [];
    for (const st of this.assigned.statements) {
      if (st.kind !== "section") continue;
      const out = this.assigned.outputs.get(st);
      if (out !== undefined && isKept(out)) list.push(out);
    }
    return list;
  }

  snapshot(): string {
    const parts: string[] = [];
    for (const out of this.assigned.outputs.values()) parts.push(`${out.name}:${out.addr}:${out.lma}:${out.size}`);
    for (const a of this.assignments) parts.push(`${a.statement.target}=${a.value}`);
    return parts.join(",");
  }

  checkAssertions(): void {
    for (const { a, cx } of this.assertions) {
      if (evaluate(a.expr, cx).value === 0) throw new LinkError(`${a.at}: ASSERT failed: ${a.message}`);
    }
  }

  private context(inSection: OutputSection | undefined, dot = this.dot): EvalContext {
    return {
      dot,
      inSection,
      dotSection: this.previousAllocated,
      symbol: (name) => this.symbolValue(name),
      section: (name) => [...this.assigned.outputs.values()].find((o) => o.name === name),
      isDefined: (name) => this.symbols.get(name)?.def !== undefined,
      sizeofHeaders: this.sizeofHeaders,
      maxPageSize: this.options.maxPageSize,
      unresolved: (name, at) => this.unresolved.push([name, at]),
    };
  }

  private symbolValue(name: string): Value | undefined {
    const d = this.symbols.get(name)?.def;
    if (d === undefined) return undefined;
    switch (d.kind) {
      case "abs": return { value: d.value };
      case "script": return { value: d.value, section: d.section };
      case "common": return undefined;
      case "section": {
        const out = d.section.output;
        if (out === undefined) return undefined;
        return { value: (out.addr + d.section.outputOffset + d.value) >>> 0, section: out };
      }
    }
  }

  /**
   * The load address of a section without AT(): GNU ld (2.40) keeps the previous allocated
   * section's VMA-to-LMA distance even for sections given an explicit address, continues
   * right after the previous section's load image when the two overlap in VMA (overlays),
   * and aligns the result like the section.
   */
  private defaultLma(vma: number, size: number, align: number): number {
    const last = this.previousAllocated;
    if (last === undefined) return vma;
    const overlaps = (vma >= last.addr && vma < last.addr + last.size) || (last.addr >= vma && last.addr < vma + size);
    const lma = overlaps ? last.lma + last.size : vma + last.lma - last.addr;
    return alignUp(lma >>> 0, align);
  }

  /** Run an assignment; returns the new location counter when the target is `.`. */
  private assign(st: Assignment, inSection: OutputSection | undefined, cx: EvalContext): number | undefined {
    let v = evaluate(st.expr, cx);
    if (st.op !== "=") {
      const current = st.target === "." ? { value: cx.dot, section: inSection } : this.symbolValue(st.target);
      if (current === undefined) { this.unresolved.push([st.target, st.at]); return undefined; }
      v = applyOp(st.op.slice(0, -1), current, v, st.at);
    }
    // Inside an output section a plain number means an offset from the section's start.
    let value = v.value;
    let section = v.section;
    if (inSection !== undefined && section === undefined) {
      value = (inSection.addr + value) >>> 0;
      section = inSection;
    }
    if (st.target === ".") {
      if (inSection === undefined) this.dot = value;
      // The map shows what the expression gave (GNU ld prints `. = 0x20` as 0x20).
      this.assignments.push({ statement: st, value: v.value, inSection });
      return value;
    }
    const g = this.symbols.get(st.target);
    if (st.provide === "provide" || st.provide === "provide-hidden") {
      const ours = this.provided.has(st.target);
      if (!ours && (g === undefined || !g.referenced || g.def !== undefined)) return undefined;
      this.provided.add(st.target);
    }
    const sym = this.symbols.intern(st.target);
    sym.def = { kind: "script", value, section };
    sym.weak = false;
    sym.definedIn = undefined;
    sym.scriptHidden = st.provide === "provide-hidden" || st.provide === "hidden";
    this.assignments.push({ statement: st, value, inSection });
    return undefined;
  }

  private section(st: OutputSectionStatement): void {
    const out = this.assigned.outputs.get(st);
    if (out === undefined) return; // /DISCARD/
    out.inputs = [];
    out.data = [];
    for (const item of st.body) {
      if (item.kind !== "input") continue;
      for (const s of this.assigned.matches.get(item) ?? []) if (!s.discarded) out.inputs.push(s);
    }
    // Type and flags are known before addresses: they decide where `.` starts.
    deriveTypeAndFlags(out, st.body.some((i) => i.kind === "data"));
    const alloc = (out.flags & SHF_ALLOC) !== 0;
    const outer = this.context(undefined);
    // SUBALIGN replaces every input's alignment inside the section; the section itself
    // still starts aligned for the strictest input (GNU ld takes the larger of the two).
    const subalign = st.subalign !== undefined ? evaluate(st.subalign, outer).value : undefined;
    let align = 1;
    for (const s of out.inputs) align = Math.max(align, s.align, subalign ?? 1);
    if (st.align !== undefined) align = Math.max(align, evaluate(st.align, outer).value);
    out.align = align;

    const fixed = this.options.sectionStarts.get(out.name);
    let vma: number;
    if (fixed !== undefined) vma = fixed;
    else if (st.address !== undefined) vma = evaluate(st.address, outer).value;
    else vma = alloc ? alignUp(this.dot, align) : 0;
    if (st.align !== undefined && (fixed !== undefined || st.address !== undefined)) vma = alignUp(vma, evaluate(st.align, outer).value);
    out.addr = vma;
    out.gaps = [];
    let fill = st.fill !== undefined ? fillPattern(evaluate(st.fill, outer).value, st.fillWidth ?? 4) : undefined;
    const pad = (from: number, to: number, cause: { before?: InputSection; after?: SectionBodyItem }): void => {
      if (to > from) out.gaps.push({ offset: from - vma, size: to - from, fill, ...cause });
    };

    let dot = vma;
    for (const item of st.body) {
      switch (item.kind) {
        case "input":
          for (const s of this.assigned.matches.get(item) ?? []) {
            if (s.discarded) continue;
            const aligned = alignUp(dot, subalign ?? s.align);
            pad(dot, aligned, { before: s });
            dot = aligned;
            s.output = out;
            s.outputOffset = dot - vma;
            dot += s.size;
          }
          break;
        case "assign": {
          const moved = this.assign(item, out, this.context(out, dot));
          if (moved !== undefined) {
            if (moved < dot) throw new LinkError(`${item.at}: cannot move location counter backwards (from ${hex(dot)} to ${hex(moved)}) in section ${out.name}`);
            pad(dot, moved, { after: item });
            dot = moved;
          }
          break;
        }
        case "data":
          out.data.push({ statement: item, offset: dot - vma, width: item.width, value: dataValue(item, evaluate(item.expr, this.context(out, dot)).value) });
          dot += item.width;
          break;
        case "fill":
          fill = fillPattern(evaluate(item.expr, this.context(out, dot)).value, item.width);
          break;
        case "assert":
          this.assertions.push({ a: item, cx: this.context(out, dot) });
          break;
      }
    }
    out.size = dot - vma;
    if (out.size < 0 || out.size > 0xffffffff) throw new LinkError(`${st.at}: section ${out.name} has size ${out.size}, which does not fit the address space`);

    if (st.loadAddress !== undefined) out.lma = evaluate(st.loadAddress, outer).value;
    // With an explicit address GNU ld aligns neither the VMA nor the LMA to the inputs.
    else out.lma = this.defaultLma(vma, out.size, (fixed !== undefined || st.address !== undefined) && st.align === undefined ? 1 : align);
    if (!alloc) out.lma = vma;

    if (alloc && isKept(out)) {
      this.dot = (vma + out.size) >>> 0;
      this.previousAllocated = out;
    }
  }
}

/**
 * A data statement's value. Expressions are evaluated in 32 bits; a QUAD of a plain literal
 * keeps all 64 bits, and SQUAD sign-extends a computed value.
 */
function dataValue(item: DataStatement, v: number): bigint {
  if (item.expr.kind === "number" && item.expr.big !== undefined) return item.expr.big;
  if (item.width === 8 && item.signed && v >= 0x80000000) return BigInt(v) | 0xffffffff00000000n;
  return BigInt(v);
}

/** The bytes of a fill value, most significant first (how GNU ld repeats a pattern). */
function fillPattern(value: number, width: number): Uint8Array {
  const bytes = new Uint8Array(width);
  for (let i = 0; i < width; i++) bytes[i] = (value >>> (8 * (width - 1 - i))) & 0xff;
  return bytes;
}

/**
 * GNU ld (2.40) drops output sections that ended up empty, even when a symbol is assigned
 * inside them (the symbol keeps its value); data statements keep a section.
 */
export function isKept(out: OutputSection): boolean {
  return out.size > 0 || out.data.length > 0;
}

function applyOp(op: string, a: Value, b: Value, at: string): Value {
  const x = a.value;
  const y = b.value;
  switch (op) {
    case "+": return { value: (x + y) >>> 0, section: a.section };
    case "-": return { value: (x - y) >>> 0, section: a.section };
    case "*": return { value: Math.imul(x, y) >>> 0 };
    case "/": if (y === 0) throw new LinkError(`${at}: division by zero`); return { value: Math.floor(x / y) };
    case "<<": return { value: (x << y) >>> 0 };
    case ">>": return { value: x >>> y };
    case "&": return { value: (x & y) >>> 0 };
    case "|": return { value: (x | y) >>> 0 };
  }
  throw new LinkError(`${at}: unknown assignment operator ${op}=`);
}
