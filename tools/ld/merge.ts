// Merging SHF_MERGE sections (gABI "Sections", sh_flags): identical entries of sections that
// share an output section, flags, entry size and alignment are stored once, and with
// SHF_STRINGS a string that is the tail of another is stored inside it. This is what GNU ld
// (2.40) does to string literals (.rodata.str1.1) and .debug_str, with the same outcome:
// each kept entry stays in the input section where it was first seen, in first-seen order,
// and every reference is redirected through `mergedLocation`.
import { SHF_MERGE, SHF_STRINGS, SHT_NOBITS } from "../elf/index.ts";
import type { Assignment } from "./assign.ts";
import type { InputSection } from "./input.ts";

export interface MergedPiece {
  /** Where the entry starts in the original section, and its length including the terminator. */
  start: number;
  length: number;
  /** Where it lives now. */
  section: InputSection;
  offset: number;
}

/** Original offset → new home, for one merged input section (pieces sorted by `start`). */
export type MergeMap = MergedPiece[];

interface Entry {
  bytes: Uint8Array;
  /** Length without the terminator (GNU's sort works on that). */
  len: number;
  home: InputSection;
  offset: number;
  /** Set when the entry is the tail of a longer kept string. */
  suffixOf?: Entry;
  kept: boolean;
}

/** Merge every eligible group of input sections, in input order within each output section. */
export function mergeSections(assigned: Assignment, inputOrder: InputSection[]): void {
  const outputOf = new Map<InputSection, string>();
  for (const [st, out] of assigned.outputs) {
    for (const item of st.body) {
      if (item.kind !== "input") continue;
      for (const s of assigned.matches.get(item) ?? []) outputOf.set(s, out.name);
    }
  }
  const groups = new Map<string, InputSection[]>();
  for (const s of inputOrder) {
    const out = outputOf.get(s);
    if (out === undefined || !eligible(s)) continue;
    const key = `${out}\u0000${s.flags & (SHF_MERGE | SHF_STRINGS)}\u0000${s.entsize}\u0000${s.align}`;
    const list = groups.get(key) ?? [];
    list.push(s);
    groups.set(key, list);
  }
  for (const group of groups.values()) mergeGroup(group);
}

function eligible(s: InputSection): boolean {
  if ((s.flags & SHF_MERGE) === 0 || s.entsize === 0 || s.discarded) return false;
  if (s.type === SHT_NOBITS || s.rels.length > 0 || s.size % s.entsize !== 0) return false;
  // A string section must end with a terminator, or GNU ld leaves it alone too.
  if ((s.flags & SHF_STRINGS) !== 0 && s.size > 0 && !isZero(s.data, s.size - s.entsize, s.entsize)) return false;
  return true;
}

function isZero(data: Uint8Array, at: number, width: number): boolean {
  for (let i = 0; i < width; i++) if (data[at + i] !== 0) return false;
  return true;
}

function keyOf(bytes: Uint8Array): string {
  let k = "";
  for (const b of bytes) k += String.fromCharCode(b);
  return k;
}

function mergeGroup(group: InputSection[]): void {
  const strings = (group[0]!.flags & SHF_STRINGS) !== 0;
  const entsize = group[0]!.entsize;
  const table = new Map<string, Entry>();
  const order: Entry[] = [];
  const uses = new Map<InputSection, { start: number; length: number; entry: Entry }[]>();

  for (const s of group) {
    const list: { start: number; length: number; entry: Entry }[] = [];
    for (let at = 0; at < s.size;) {
      let end = at + entsize;
      if (strings) {
        end = at;
        while (!isZero(s.data, end, entsize)) end += entsize;
        end += entsize;
      }
      const bytes = s.data.subarray(at, end);
      const key = keyOf(bytes);
      let e = table.get(key);
      if (e === undefined) {
        e = { bytes, len: bytes.length - (strings ? entsize : 0), home: s, offset: 0, kept: true };
        table.set(key, e);
        order.push(e);
      }
      list.push({ start: at, length: end - at, entry: e });
      at = end;
    }
    uses.set(s, list);
  }

  if (strings) mergeTails(order, entsize, group[0]!.align);

  // Kept entries stay in their first section, in first-seen order.
  const sizes = new Map<InputSection, number>();
  for (const e of order) {
    if (!e.kept) continue;
    const align = e.home.align;
    const at = Math.ceil((sizes.get(e.home) ?? 0) / align) * align;
    e.offset = at;
    sizes.set(e.home, at + e.bytes.length);
  }
  for (const e of order) {
    if (e.kept) continue;
    let root = e.suffixOf!;
    while (!root.kept) root = root.suffixOf!;
    e.home = root.home;
    e.offset = root.offset + (root.bytes.length - e.bytes.length);
  }

  for (const s of group) {
    const data = new Uint8Array(sizes.get(s) ?? 0);
    for (const e of order) if (e.kept && e.home === s) data.set(e.bytes, e.offset);
    s.merged = uses.get(s)!.map((u) => ({ start: u.start, length: u.length, section: u.entry.home, offset: u.entry.offset }));
    s.data = data;
    s.size = data.length;
  }
}

/**
 * Tail merging as GNU ld does it: sort by the reversed string, so a tail sorts just before
 * the strings ending with it, then walk from the end absorbing each tail into the kept
 * string after it.
 */
function mergeTails(order: Entry[], entsize: number, align: number): void {
  const sorted = [...order].sort((a, b) => {
    // Byte strings first order by how their length sits against the alignment.
    if (entsize === 1) {
      const tail = (a.len & (align - 1)) - (b.len & (align - 1));
      if (tail !== 0) return tail;
    }
    let i = a.len - 1;
    let j = b.len - 1;
    for (let n = Math.min(a.len, b.len); n > 0; n--, i--, j--) {
      if (a.bytes[i] !== b.bytes[j]) return a.bytes[i]! - b.bytes[j]!;
    }
    return a.len - b.len;
  });
  let kept = sorted[sorted.length - 1];
  for (let k = sorted.length - 2; k >= 0 && kept !== undefined; k--) {
    const cmp = sorted[k]!;
    if ((kept.len - cmp.len) % align === 0 && isTail(kept, cmp, entsize)) {
      cmp.kept = false;
      cmp.suffixOf = kept;
    } else {
      kept = cmp;
    }
  }
}

/** Is `tail` (with its terminator) the end of `long`? */
function isTail(long: Entry, tail: Entry, entsize: number): boolean {
  if (long.len <= tail.len) return false;
  if ((long.len - tail.len) % entsize !== 0) return false;
  const shift = long.len - tail.len;
  for (let i = 0; i < tail.len; i++) if (long.bytes[shift + i] !== tail.bytes[i]) return false;
  return true;
}

/**
 * Where byte `offset` of input section `s` ended up. Offsets inside an entry keep their
 * distance from its start; an offset at the very end maps past the last kept entry.
 */
export function mergedLocation(s: InputSection, offset: number): { section: InputSection; offset: number } {
  const pieces = s.merged;
  if (pieces === undefined) return { section: s, offset };
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = pieces[mid]!;
    if (offset < p.start) hi = mid - 1;
    else if (offset >= p.start + p.length) lo = mid + 1;
    else return { section: p.section, offset: p.offset + (offset - p.start) };
  }
  return { section: s, offset: s.size + Math.max(0, offset - (pieces.length > 0 ? pieces[pieces.length - 1]!.start + pieces[pieces.length - 1]!.length : 0)) };
}
