// The register file gdb sees: its order (which is the layout of `g` and the numbers of `p`/`P`)
// and the XML target description served through qXfer:features:read.
//
// gdb's i386 architecture accepts a description only if its "org.gnu.gdb.i386.core" feature
// holds the sixteen integer registers *and* the sixteen x87 registers, so the x87 registers
// are present even though the emulated CPU has no FPU yet: they read as a freshly reset FPU
// and writes to them are ignored. The control registers live in a separate feature of ours;
// gdb lists registers of features it does not know in `info registers` like any other.

import type { TargetRegisters } from "./target.ts";

export interface RegisterDef {
  name: string;
  bits: 32 | 80;
  /** The target register this one shows; absent for the x87 registers (no FPU). */
  key?: keyof TargetRegisters;
  /** Value shown when there is no `key`. */
  fixed?: number;
  /** gdb type name in the XML. */
  type: string;
  group?: string;
  feature: "core" | "sys";
}

const gp = (name: keyof TargetRegisters, type = "int32"): RegisterDef => ({ name, bits: 32, key: name, type, feature: "core" });
const st = (i: number): RegisterDef => ({ name: `st${i}`, bits: 80, type: "i387_ext", feature: "core" });
const fpu = (name: string, fixed = 0): RegisterDef => ({ name, bits: 32, fixed, type: "int", group: "float", feature: "core" });
const cr = (name: keyof TargetRegisters, type: string): RegisterDef => ({ name, bits: 32, key: name, type, feature: "sys" });

/** Register numbers are indices into this list. */
export const REGISTERS: readonly RegisterDef[] = [
  gp("eax"), gp("ecx"), gp("edx"), gp("ebx"),
  gp("esp", "data_ptr"), gp("ebp", "data_ptr"), gp("esi"), gp("edi"),
  gp("eip", "code_ptr"), gp("eflags", "i386_eflags"),
  gp("cs"), gp("ss"), gp("ds"), gp("es"), gp("fs"), gp("gs"),
  st(0), st(1), st(2), st(3), st(4), st(5), st(6), st(7),
  // 0x37f is the control word FNINIT leaves: all exceptions masked, extended precision.
  fpu("fctrl", 0x37f), fpu("fstat"), fpu("ftag"), fpu("fiseg"),
  fpu("fioff"), fpu("foseg"), fpu("fooff"), fpu("fop"),
  cr("cr0", "damselfly_cr0"), cr("cr2", "data_ptr"), cr("cr3", "int32"), cr("cr4", "damselfly_cr4"),
];

/** Bytes of one register in `g`/`p` (little-endian, as the target stores it). */
export function registerBytes(def: RegisterDef): number {
  return def.bits / 8;
}

/** Size of the whole `g` reply, in bytes. */
export const G_PACKET_BYTES = REGISTERS.reduce((n, r) => n + registerBytes(r), 0);

// ---- the XML ---------------------------------------------------------------------------
// Bit positions are the architectural ones (Intel SDM vol. 3, 2.3 and 2.5); names are the
// SDM's mnemonics, which is what gdb prints inside `[ ]` for a set flag.

interface Field {
  name: string;
  start: number;
  end?: number;
}

const EFLAGS_FIELDS: Field[] = [
  { name: "CF", start: 0 }, { name: "PF", start: 2 }, { name: "AF", start: 4 }, { name: "ZF", start: 6 },
  { name: "SF", start: 7 }, { name: "TF", start: 8 }, { name: "IF", start: 9 }, { name: "DF", start: 10 },
  { name: "OF", start: 11 }, { name: "IOPL", start: 12, end: 13 }, { name: "NT", start: 14 },
  { name: "RF", start: 16 }, { name: "VM", start: 17 }, { name: "AC", start: 18 }, { name: "VIF", start: 19 },
  { name: "VIP", start: 20 }, { name: "ID", start: 21 },
];

const CR0_FIELDS: Field[] = [
  { name: "PE", start: 0 }, { name: "MP", start: 1 }, { name: "EM", start: 2 }, { name: "TS", start: 3 },
  { name: "ET", start: 4 }, { name: "NE", start: 5 }, { name: "WP", start: 16 }, { name: "AM", start: 18 },
  { name: "NW", start: 29 }, { name: "CD", start: 30 }, { name: "PG", start: 31 },
];

const CR4_FIELDS: Field[] = [
  { name: "VME", start: 0 }, { name: "PVI", start: 1 }, { name: "TSD", start: 2 }, { name: "DE", start: 3 },
  { name: "PSE", start: 4 }, { name: "PAE", start: 5 }, { name: "MCE", start: 6 }, { name: "PGE", start: 7 },
  { name: "PCE", start: 8 }, { name: "OSFXSR", start: 9 }, { name: "OSXMMEXCPT", start: 10 },
];

function flagsXml(id: string, fields: Field[]): string {
  const lines = fields.map((f) => `    <field name="${f.name}" start="${f.start}" end="${f.end ?? f.start}"/>`);
  return `  <flags id="${id}" size="4">\n${lines.join("\n")}\n  </flags>\n`;
}

function regXml(def: RegisterDef, regnum: number): string {
  const group = def.group === undefined ? "" : ` group="${def.group}"`;
  return `  <reg name="${def.name}" bitsize="${def.bits}" type="${def.type}" regnum="${regnum}"${group}/>\n`;
}

function featureXml(name: string, feature: RegisterDef["feature"], types: string): string {
  let body = types;
  REGISTERS.forEach((def, i) => {
    if (def.feature === feature) body += regXml(def, i);
  });
  return `<?xml version="1.0"?>\n<!DOCTYPE feature SYSTEM "gdb-target.dtd">\n<feature name="${name}">\n${body}</feature>\n`;
}

/** The documents served by qXfer:features:read, by annex name. */
export const TARGET_DOCUMENTS: ReadonlyMap<string, string> = new Map([
  [
    "target.xml",
    `<?xml version="1.0"?>\n<!DOCTYPE target SYSTEM "gdb-target.dtd">\n<target>\n` +
      `  <architecture>i386</architecture>\n` +
      `  <xi:include href="i386-core.xml"/>\n  <xi:include href="damselfly-sys.xml"/>\n</target>\n`,
  ],
  ["i386-core.xml", featureXml("org.gnu.gdb.i386.core", "core", flagsXml("i386_eflags", EFLAGS_FIELDS))],
  [
    "damselfly-sys.xml",
    featureXml("org.damselfly.i386.sys", "sys", flagsXml("damselfly_cr0", CR0_FIELDS) + flagsXml("damselfly_cr4", CR4_FIELDS)),
  ],
]);
