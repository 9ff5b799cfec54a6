// What a section is when `.section name` gives no flags or type: BFD's table of special
// section names, for the names a kernel or our compiler may use.

import type { SectionType } from "./object-model.ts";

export interface SectionDefaults {
  type: SectionType;
  flags: string; // GNU as spelling: a w x T M S
  entsize: number;
}

export function defaultSectionAttributes(name: string): SectionDefaults {
  // "name" alone or "name.anything"; some entries only match the exact name.
  const is = (prefix: string): boolean => name === prefix || name.startsWith(prefix + ".");
  const d = (type: SectionType, flags: string, entsize = 0): SectionDefaults => ({ type, flags, entsize });
  if (is(".text")) return d("progbits", "ax");
  if (name === ".init" || name === ".fini") return d("progbits", "ax");
  if (is(".data") || name === ".data1") return d("progbits", "wa");
  if (is(".bss")) return d("nobits", "wa");
  if (is(".rodata") || name === ".rodata1") return d("progbits", "a");
  if (is(".tdata")) return d("progbits", "waT");
  if (is(".tbss")) return d("nobits", "waT");
  if (is(".init_array")) return d("init_array", "wa", 4);
  if (is(".fini_array")) return d("fini_array", "wa", 4);
  if (is(".preinit_array")) return d("preinit_array", "wa", 4);
  if (name.startsWith(".note")) return d("note", "");
  return d("progbits", "");
}
