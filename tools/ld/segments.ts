// From placed output sections to program headers and file offsets. The grouping of sections
// into PT_LOAD segments follows the same decisions GNU ld makes (sorted by load address; a
// new segment when the VMA/LMA relation changes, when a whole page would be skipped, when
// file contents follow a .bss, when code meets data under -z separate-code, or when a
// writable section follows read-only ones), so that both linkers load the same bytes at the
// same places. Offsets keep p_offset congruent to p_vaddr modulo the page size, which is
// what lets a loader map the file with pages.
import { EHDR_SIZE, PF_R, PF_W, PF_X, PHDR_SIZE, PT_GNU_STACK, PT_LOAD, PT_NOTE, SHT_NOTE } from "../elf/index.ts";
import type { Elf32ProgramHeader } from "../elf/index.ts";
import { isAllocated, isCode, isNobits, isWritable, type OutputSection } from "./output-section.ts";

export interface SegmentOptions {
  pageSize: number;
  /** -z separate-code (GNU ld's default on x86 Linux): code never shares a segment with data. */
  separateCode: boolean;
  /** False for -n/-N: the file is not demand paged, offsets need no page congruence. */
  paged: boolean;
  /** -N: text is writable too. */
  writableText: boolean;
  /** The script used SIZEOF_HEADERS: the ELF and program headers are loaded with the first segment. */
  loadHeaders: boolean;
  /** Flags for a PT_GNU_STACK header, or undefined for none. */
  stackFlags: number | undefined;
}

export interface Segment {
  sections: OutputSection[];
  /** This segment starts with the file's ELF header and program headers. */
  headers: boolean;
}

export interface SegmentPlan {
  loads: Segment[];
  /** Runs of adjacent allocated SHT_NOTE sections, one PT_NOTE each (as GNU ld makes). */
  notes: OutputSection[][];
}

const pageOf = (a: number, page: number): number => Math.floor(a / page) * page;

/** Allocated sections in the order GNU ld considers them: by LMA, then VMA, loaded first. */
function sortedForSegments(outputs: OutputSection[]): OutputSection[] {
  return outputs.filter(isAllocated).map((s, i) => ({ s, i })).sort((a, b) => {
    const x = a.s;
    const y = b.s;
    if (x.lma !== y.lma) return x.lma - y.lma;
    if (x.addr !== y.addr) return x.addr - y.addr;
    if (isNobits(x) !== isNobits(y)) return isNobits(x) ? 1 : -1;
    const sx = isNobits(x) ? 0 : x.size;
    const sy = isNobits(y) ? 0 : y.size;
    if (sx !== sy) return sx - sy;
    return a.i - b.i;
  }).map((e) => e.s);
}

export function mapSegments(outputs: OutputSection[], o: SegmentOptions): SegmentPlan {
  return { loads: mapLoads(outputs, o), notes: noteRuns(outputs) };
}

function noteRuns(outputs: OutputSection[]): OutputSection[][] {
  const runs: OutputSection[][] = [];
  let run: OutputSection[] | undefined;
  for (const s of outputs) {
    const note = isAllocated(s) && s.type === SHT_NOTE;
    const last = run?.[run.length - 1];
    if (note && run !== undefined && last !== undefined && last.align === s.align && Math.ceil((last.lma + last.size) / s.align) * s.align === s.lma) {
      run.push(s);
    } else if (note) {
      run = [s];
      runs.push(run);
    } else {
      run = undefined;
    }
  }
  return runs;
}

function mapLoads(outputs: OutputSection[], o: SegmentOptions): Segment[] {
  const sections = sortedForSegments(outputs);
  const segments: Segment[] = [];
  let current: Segment | undefined;
  let last: OutputSection | undefined;
  let writable = false;
  let executable = false;
  for (const s of sections) {
    const startNew = last === undefined ? true : needsNewSegment(last, s, writable, executable, o);
    if (startNew || current === undefined) {
      current = { sections: [], headers: false };
      segments.push(current);
      writable = false;
      executable = false;
    }
    current.sections.push(s);
    if (isWritable(s) || o.writableText) writable = true;
    if (isCode(s)) executable = true;
    last = s;
  }
  return segments;
}

function needsNewSegment(last: OutputSection, s: OutputSection, writable: boolean, executable: boolean, o: SegmentOptions): boolean {
  const page = o.pageSize;
  const lastEnd = last.lma + last.size;
  if (last.lma - last.addr !== s.lma - s.addr) return true;
  if (s.lma < lastEnd) return true;
  // Two sections touching the same page can always share a segment when paged.
  if (o.paged && pageOf(lastEnd - 1, page) === pageOf(s.lma, page)) return false;
  if (Math.ceil(lastEnd / page) * page + page <= s.lma) return true;
  if (isNobits(last) && !isNobits(s)) return true;
  if (!o.paged) return false;
  if (o.separateCode && executable !== isCode(s)) return true;
  if (!writable && !o.writableText && isWritable(s)) return true;
  return false;
}

export interface FileLayout {
  programHeaders: Elf32ProgramHeader[];
  /** sh_offset of every allocated output section. */
  offsets: Map<OutputSection, number>;
  /** First free file offset after the loaded contents. */
  end: number;
}

/** Where the ELF header and program headers go in memory, if they are loaded at all. */
type HeaderPlacement =
  | { kind: "unloaded"; size: number }
  /** Their own read-only PT_LOAD (GNU ld under -z separate-code when text comes first). */
  | { kind: "own"; size: number; vaddr: number; paddr: number }
  /** At the start of the first PT_LOAD, which then begins at file offset 0. */
  | { kind: "first"; size: number };

/**
 * GNU ld loads the headers when the script uses SIZEOF_HEADERS, or when the first section
 * leaves room for them below it on its page (old scripts did `. = 0x08048000 + 0x74`).
 * Their size depends on how many program headers there are, which depends on whether they
 * get a PT_LOAD of their own. GNU ld settles this by iterating from an estimate (two
 * PT_LOADs plus notes and GNU_STACK), accepting any change in the first rounds and only
 * growth after that; the space reserved may so exceed what the final headers use.
 */
function placeHeaders(plan: SegmentPlan, o: SegmentOptions): HeaderPlacement {
  const extra = plan.notes.length + (o.stackFlags !== undefined ? 1 : 0);
  let reserved = EHDR_SIZE + PHDR_SIZE * (2 + extra);
  let placement = decideHeaders(plan, o, reserved);
  for (let tries = 10; tries > 0; tries--) {
    const used = EHDR_SIZE + PHDR_SIZE * (plan.loads.length + extra + (placement.kind === "own" ? 1 : 0));
    if (used === reserved || (tries <= 6 && used < reserved)) break;
    reserved = used;
    placement = decideHeaders(plan, o, reserved);
  }
  return placement;
}

function decideHeaders(plan: SegmentPlan, o: SegmentOptions, size: number): HeaderPlacement {
  const page = o.pageSize;
  const first = plan.loads[0]?.sections[0];
  if (first === undefined || !o.paged) return { kind: "unloaded", size };
  if (!o.loadHeaders && first.lma % page < size % page) return { kind: "unloaded", size };
  let headerPage = pageOf(first.lma - size, page);
  let separate = false;
  if (o.separateCode && isCode(first)) {
    separate = true;
    if (pageOf(headerPage + size - 1, page) === pageOf(first.lma, page)) {
      if (headerPage >= page) headerPage -= page;
      else separate = false;
    }
  }
  if (first.lma < headerPage || first.lma < size) return { kind: "unloaded", size };
  // GNU ld moves only the load address back a page in that case; the virtual address
  // stays on the code page. Mirrored as is.
  if (separate) return { kind: "own", size, vaddr: pageOf(first.addr - size, page), paddr: headerPage };
  return { kind: "first", size };
}

export function countProgramHeaders(plan: SegmentPlan, o: SegmentOptions): number {
  return plan.loads.length + plan.notes.length + (o.stackFlags !== undefined ? 1 : 0) + (placeHeaders(plan, o).kind === "own" ? 1 : 0);
}

/** Bytes reserved at the start of the file for the ELF header and program headers. */
export function headersSize(plan: SegmentPlan, o: SegmentOptions): number {
  return placeHeaders(plan, o).size;
}

export function assignFileOffsets(plan: SegmentPlan, o: SegmentOptions): FileLayout {
  const segments = plan.loads;
  const page = o.pageSize;
  const headers = placeHeaders(plan, o);
  const headerBytes = headers.size;
  const offsets = new Map<OutputSection, number>();
  const loads: Elf32ProgramHeader[] = [];
  let off = headerBytes;
  if (headers.kind === "own") {
    loads.push({ type: PT_LOAD, offset: 0, vaddr: headers.vaddr, paddr: headers.paddr, filesz: headerBytes, memsz: headerBytes, flags: PF_R, align: page });
  }
  segments.forEach((seg, i) => { seg.headers = headers.kind === "first" && i === 0; });
  for (const seg of segments) {
    const s0 = seg.sections[0]!;
    let start: number;
    let vaddr: number;
    let paddr: number;
    if (seg.headers) {
      start = 0;
      vaddr = pageOf(s0.addr - headerBytes, page);
      paddr = pageOf(s0.lma - headerBytes, page);
    } else {
      const align = o.paged ? page : Math.max(1, ...seg.sections.map((s) => s.align));
      // Smallest offset at or after `off` that has the same remainder modulo the alignment as the address.
      const bias = ((s0.addr - off) % align + align) % align;
      start = off + bias;
      vaddr = s0.addr;
      paddr = s0.lma;
    }
    let filesz = 0;
    let memsz = 0;
    let flags = PF_R;
    for (const s of seg.sections) {
      const rel = s.addr - vaddr;
      offsets.set(s, start + rel);
      if (!isNobits(s)) filesz = Math.max(filesz, rel + s.size);
      memsz = Math.max(memsz, rel + s.size);
      if (isWritable(s) || o.writableText) flags |= PF_W;
      if (isCode(s)) flags |= PF_X;
    }
    // A .bss-only segment still gets the file position it would have had.
    for (const s of seg.sections) if (isNobits(s)) offsets.set(s, start + Math.min(filesz, s.addr - vaddr));
    loads.push({ type: PT_LOAD, offset: start, vaddr, paddr, filesz, memsz, flags, align: o.paged ? page : Math.max(1, ...seg.sections.map((s) => s.align)) });
    off = start + filesz;
  }
  const programHeaders = [...loads];
  for (const run of plan.notes) {
    const first = run[0]!;
    const last = run[run.length - 1]!;
    const size = last.addr + last.size - first.addr;
    programHeaders.push({ type: PT_NOTE, offset: offsets.get(first) ?? 0, vaddr: first.addr, paddr: first.lma, filesz: size, memsz: size, flags: PF_R, align: first.align });
  }
  if (o.stackFlags !== undefined) {
    programHeaders.push({ type: PT_GNU_STACK, offset: 0, vaddr: 0, paddr: 0, filesz: 0, memsz: 0, flags: o.stackFlags, align: 0x10 });
  }
  return { programHeaders, offsets, end: Math.max(off, headerBytes) };
}
