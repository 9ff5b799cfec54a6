// The parsed form of a linker script: the subset of the GNU ld command language this linker
// implements (see README.md in tools/ld for the list).

export type Expr =
  | { kind: "number"; value: number; big?: bigint }
  /** A symbol, or "." for the location counter. */
  | { kind: "symbol"; name: string; at: string }
  | { kind: "unary"; op: "-" | "~" | "!" | "+"; arg: Expr }
  | { kind: "binary"; op: string; left: Expr; right: Expr }
  | { kind: "conditional"; test: Expr; then: Expr; otherwise: Expr }
  /** A builtin like ALIGN(e) or ADDR(.text): section-name arguments are kept as names. */
  | { kind: "call"; fn: string; args: Expr[]; name?: string; at: string };

export type ProvideKind = "none" | "provide" | "provide-hidden" | "hidden";

export interface Assignment {
  kind: "assign";
  /** Symbol name, or "." */
  target: string;
  /** "=", "+=", "-=", "*=", "/=", "<<=", ">>=", "&=", "|=" */
  op: string;
  expr: Expr;
  provide: ProvideKind;
  /** "script.ld:12:3", for messages. */
  at: string;
}

export interface Assertion {
  kind: "assert";
  expr: Expr;
  message: string;
  at: string;
}

/** `file-pattern(section-patterns)`, possibly inside KEEP() and with SORT(). */
export interface InputSpec {
  kind: "input";
  filePattern: string;
  excludeFiles: string[];
  sectionPatterns: string[];
  /** Per-pattern EXCLUDE_FILE lists do not exist here: one list applies to the whole spec. */
  keep: boolean;
  sort: "none" | "name" | "alignment";
  at: string;
}

export interface DataStatement {
  kind: "data";
  width: 1 | 2 | 4 | 8;
  /** SQUAD: the upper half of a computed (32-bit) value is its sign, not zero. */
  signed: boolean;
  expr: Expr;
  at: string;
}

/** How many bytes a fill pattern has: a hex literal gives its own width (`0x90` is one byte), anything else is 4. */
export interface FillStatement {
  kind: "fill";
  expr: Expr;
  width: number;
  at: string;
}

export type SectionBodyItem = Assignment | InputSpec | DataStatement | FillStatement | Assertion;

export interface OutputSectionStatement {
  kind: "section";
  name: string;
  address?: Expr;
  /** AT(expr): the load address. */
  loadAddress?: Expr;
  align?: Expr;
  subalign?: Expr;
  noload: boolean;
  body: SectionBodyItem[];
  fill?: Expr;
  fillWidth?: number;
  /** True for sections the linker made up for orphans. */
  orphan: boolean;
  at: string;
}

export type SectionsItem = Assignment | OutputSectionStatement | Assertion;

export interface Script {
  /** Name used in messages ("kernel.ld", or "built-in kernel layout"). */
  name: string;
  entry?: string;
  /** Everything that runs in order: top-level assignments and the SECTIONS contents. */
  statements: SectionsItem[];
  /** False when the script has no SECTIONS command (then built-in placement is used). */
  hasSections: boolean;
  /** SIZEOF_HEADERS appears: as in GNU ld, the ELF headers are then loaded with the image. */
  usesSizeofHeaders: boolean;
}
