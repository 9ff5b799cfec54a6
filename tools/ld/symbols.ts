// Global symbol resolution across objects, with the rules of a static ELF link: one strong
// definition wins over weak ones and over COMMON; two strong definitions are an error;
// COMMON symbols of the same name merge into one with the largest size and alignment; an
// undefined weak reference resolves to 0.
import {
  SHN_ABS, SHN_COMMON, SHN_UNDEF, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FILE, STT_SECTION, stBind, stType,
} from "../elf/index.ts";
import type { Elf32Symbol } from "../elf/index.ts";
import { LinkError, hex } from "./errors.ts";
import { symbolSection, type InputObject, type InputSection } from "./input.ts";
import { mergedLocation } from "./merge.ts";
import type { OutputSection } from "./output-section.ts";

export type Definition =
  | { kind: "section"; section: InputSection; value: number }
  | { kind: "abs"; value: number }
  | { kind: "common"; size: number; align: number; owner: InputObject }
  /** Assigned by the linker script; `section` when the value is an address in it. */
  | { kind: "script"; value: number; section?: OutputSection };

export interface GlobalSymbol {
  name: string;
  def?: Definition;
  /** Binding of the chosen definition. */
  weak: boolean;
  type: number;
  size: number;
  other: number;
  /** Object of the chosen definition (for messages and the map). */
  definedIn?: InputObject;
  /** True when some object has a non-weak undefined reference. */
  strongRef: boolean;
  /** True when any object mentions the symbol without defining it (PROVIDE needs this). */
  referenced: boolean;
  /** Set when a script assignment is PROVIDE_HIDDEN / HIDDEN: output as a local symbol. */
  scriptHidden: boolean;
  /** For a COMMON symbol after allocation: the object whose COMMON section holds it. */
  commonOwner?: InputObject;
}

export class SymbolTable {
  readonly globals = new Map<string, GlobalSymbol>();
  private readonly problems: string[] = [];

  get(name: string): GlobalSymbol | undefined {
    return this.globals.get(name);
  }

  /** Get or create (as undefined). */
  intern(name: string): GlobalSymbol {
    let g = this.globals.get(name);
    if (g === undefined) {
      g = { name, weak: false, type: 0, size: 0, other: 0, strongRef: false, referenced: false, scriptHidden: false };
      this.globals.set(name, g);
    }
    return g;
  }

  addObject(obj: InputObject): void {
    for (let i = obj.firstGlobal; i < obj.symbols.length; i++) {
      const sym = obj.symbols[i]!;
      const bind = stBind(sym.info);
      if (bind === STB_LOCAL) throw new LinkError(`${obj.name}: symbol ${sym.name || i} is local but appears after the first global (index ${obj.firstGlobal})`);
      if (bind !== STB_GLOBAL && bind !== STB_WEAK) throw new LinkError(`${obj.name}: symbol ${sym.name} has binding ${bind}, which this linker does not support`);
      if (sym.name === "") throw new LinkError(`${obj.name}: global symbol ${i} has no name`);
      this.addGlobal(obj, sym, bind === STB_WEAK);
    }
  }

  /** Does `obj` define a symbol that is still undefined and strongly referenced? */
  wouldResolve(obj: InputObject): boolean {
    for (let i = obj.firstGlobal; i < obj.symbols.length; i++) {
      const sym = obj.symbols[i]!;
      if (sym.shndx === SHN_UNDEF) continue;
      const g = this.globals.get(sym.name);
      if (g !== undefined && g.def === undefined && g.strongRef) return true;
    }
    return false;
  }

  private addGlobal(obj: InputObject, sym: Elf32Symbol, weak: boolean): void {
    const g = this.intern(sym.name);
    const where = symbolSection(obj, sym);
    // A definition inside a discarded COMDAT copy counts as a reference to the kept one.
    if (where === "undef" || (typeof where !== "string" && where.discarded)) {
      g.referenced = true;
      if (!weak) g.strongRef = true;
      return;
    }
    if (where === "unplaced") throw new LinkError(`${obj.name}: symbol ${sym.name} is defined in section ${sym.shndx}, which holds no code or data`);
    const take = (def: Definition): void => {
      g.def = def;
      g.weak = weak;
      g.type = stType(sym.info);
      g.size = sym.size;
      g.other = sym.other;
      g.definedIn = obj;
    };
    if (where === "common") {
      const align = Math.max(1, sym.value);
      if (g.def === undefined || (g.weak && g.def.kind !== "common")) {
        take({ kind: "common", size: sym.size, align, owner: obj });
      } else if (g.def.kind === "common") {
        // Merge: the larger size wins and brings its object; alignment is the strictest.
        if (sym.size > g.def.size) {
          g.def = { kind: "common", size: sym.size, align: Math.max(align, g.def.align), owner: obj };
          g.size = sym.size;
          g.definedIn = obj;
        } else {
          g.def.align = Math.max(align, g.def.align);
        }
      }
      // A strong definition already present beats COMMON, as in GNU ld (no error).
      return;
    }
    const def: Definition = where === "abs" ? { kind: "abs", value: sym.value } : { kind: "section", section: where, value: sym.value };
    if (g.def === undefined) return take(def);
    if (weak) return; // the first weak definition, or any strong/common one, stays
    if (g.weak || g.def.kind === "common") return take(def);
    this.problems.push(`${describeDefinition(obj, sym)}: multiple definition of \`${sym.name}'; ${this.firstDefinition(g)}: first defined here`);
  }

  private firstDefinition(g: GlobalSymbol): string {
    const d = g.def!;
    if (d.kind === "section") return `${d.section.file.name}:(${d.section.name}+${hex(d.value)})`;
    return `${g.definedIn?.name ?? "linker script"}:(*ABS*+${hex(d.kind === "abs" ? d.value : 0)})`;
  }

  /** After merging, point definitions in merged sections at where their bytes went. */
  followMerges(): void {
    for (const g of this.globals.values()) {
      const d = g.def;
      if (d?.kind !== "section" || d.section.merged === undefined) continue;
      const loc = mergedLocation(d.section, d.value);
      g.def = { kind: "section", section: loc.section, value: loc.offset };
    }
  }

  /** Throw the collected duplicate-definition errors, if any. */
  checkDuplicates(): void {
    if (this.problems.length > 0) throw new LinkError(this.problems);
  }

  /** Give every COMMON symbol a place in its owning object's COMMON section. */
  allocateCommons(objects: InputObject[]): void {
    const mentionOrder = new Map([...this.globals.keys()].map((name, i) => [name, i]));
    const byOwner = new Map<InputObject, GlobalSymbol[]>();
    for (const g of this.globals.values()) {
      if (g.def?.kind !== "common") continue;
      const list = byOwner.get(g.def.owner) ?? [];
      list.push(g);
      byOwner.set(g.def.owner, list);
    }
    for (const obj of objects) {
      const list = byOwner.get(obj);
      if (list === undefined) continue;
      const sec = obj.common;
      for (const g of commonOrder(list, mentionOrder)) {
        const d = g.def as Extract<Definition, { kind: "common" }>;
        const at = Math.ceil(sec.size / d.align) * d.align;
        sec.size = at + d.size;
        sec.align = Math.max(sec.align, d.align);
        g.def = { kind: "section", section: sec, value: at };
        g.commonOwner = obj;
      }
    }
  }
}

/**
 * The order GNU ld gives the COMMON symbols of one object. It allocates them while walking
 * its global symbol hash table (4051 buckets, bucket = bfd's string hash computed in a
 * 64-bit unsigned long, newest entry first within a bucket), so the order is that walk's.
 * Reproducing it keeps .bss byte-for-byte where GNU ld puts it. (GNU ld grows the table past
 * about 3000 global symbols; the order then differs, which only moves COMMON symbols.)
 */
function commonOrder(list: GlobalSymbol[], mentionOrder: Map<string, number>): GlobalSymbol[] {
  const key = (g: GlobalSymbol): number => Number(bfdHash(g.name) % GNU_HASH_BUCKETS);
  return [...list].sort((a, b) => key(a) - key(b) || mentionOrder.get(b.name)! - mentionOrder.get(a.name)!);
}

const GNU_HASH_BUCKETS = 4051n;
const U64 = (1n << 64n) - 1n;

function bfdHash(name: string): bigint {
  let h = 0n;
  let len = 0n;
  for (let i = 0; i < name.length; i++) {
    const c = BigInt(name.charCodeAt(i) & 0xff);
    h = (h + c + (c << 17n)) & U64;
    h ^= h >> 2n;
    len++;
  }
  h = (h + len + (len << 17n)) & U64;
  h ^= h >> 2n;
  return h;
}

function describeDefinition(obj: InputObject, sym: Elf32Symbol): string {
  const where = symbolSection(obj, sym);
  if (typeof where === "string") return `${obj.name}:(*ABS*+${hex(sym.value)})`;
  return `${obj.name}:(${where.name}+${hex(sym.value)})`;
}

/** True for symbols that belong in the output symbol table as locals. */
export function isOutputLocal(sym: Elf32Symbol): boolean {
  const t = stType(sym.info);
  return sym.name !== "" && t !== STT_SECTION && (t !== STT_FILE || sym.shndx === SHN_ABS) && sym.shndx !== SHN_UNDEF && sym.shndx !== SHN_COMMON;
}

/** The final address (or absolute value) of a definition, once layout has run. */
export function definitionValue(d: Definition): number {
  switch (d.kind) {
    case "abs": return d.value >>> 0;
    case "script": return d.value >>> 0;
    case "common": return 0;
    case "section": return ((d.section.output?.addr ?? 0) + d.section.outputOffset + d.value) >>> 0;
  }
}

/** The output section a definition lies in, or undefined for absolute values. */
export function definitionSection(d: Definition): OutputSection | undefined {
  if (d.kind === "section") return d.section.output;
  if (d.kind === "script") return d.section;
  return undefined;
}
