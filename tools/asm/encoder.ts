// Turns one instruction (mnemonic + parsed operands) into bytes and fixups, choosing the form
// from isa-table.ts. Direct jumps are returned as a request for a relaxable tail instead.
//
// Operand-size rules follow GNU as: a b/w/l suffix or a register operand fixes the size; the
// `d` rows fall back to the code size (.code16 / .code32). The prefixes go out in GNU as's
// order: segment, address size, operand size, rep, lock.

import { TokenError, type Expr } from "./expr.ts";
import { CONDITION_CODES, PREFIXES, formsFor, type Form, type OperandSize } from "./isa-table.ts";
import type { Token } from "./lexer.ts";
import type { MemOperand, Operand } from "./operands.ts";
import { SEGMENT_PREFIX, registerSize, type Register } from "./registers.ts";

export interface EncodeEnv {
  code16: boolean;
  /** The expression's value if it is a constant while the source is being read. */
  constant(expr: Expr): bigint | undefined;
}

export interface EncodedFixup {
  offset: number;
  size: 1 | 2 | 4;
  expr: Expr;
  pcrel: boolean;
}

export type Encoding =
  | { kind: "bytes"; bytes: number[]; fixups: EncodedFixup[] }
  | { kind: "jump"; prefix: number[]; cc: number | null; target: Expr };

export type PrefixSlots = Partial<Record<"seg" | "addr" | "data" | "rep" | "lock", number>>;

const SLOT_ORDER = ["seg", "addr", "data", "rep", "lock"] as const;

export function encodeInstruction(mn: Token, explicitPrefixes: PrefixSlots, ops: Operand[], env: EncodeEnv): Encoding {
  const name = mn.text.toLowerCase();
  const branch = encodeBranch(mn, name, explicitPrefixes, ops, env);
  if (branch !== null) return branch;

  const exact = formsFor(name);
  // `movsb` is both the string move and sign-extension spelled with a suffix: try the exact
  // mnemonic first, then the mnemonic without its b/w/l suffix.
  const stem = name.length > 1 && "bwl".includes(name[name.length - 1]) ? formsFor(name.slice(0, -1)) : undefined;
  const suffix: OperandSize = name.endsWith("b") ? 8 : name.endsWith("w") ? 16 : 32;
  if (exact === undefined && stem === undefined) {
    if (PREFIXES.has(name)) throw new TokenError(mn, `prefix '${name}' must be followed by an instruction`);
    throw new TokenError(mn, `unknown instruction '${mn.text}'`);
  }
  let form: Form;
  if (exact !== undefined) {
    try {
      form = chooseForm(mn, exact, null, ops, env);
    } catch (e) {
      if (stem === undefined) throw e;
      form = chooseForm(mn, stem, suffix, ops, env);
    }
  } else form = chooseForm(mn, stem!, suffix, ops, env);
  return { kind: "bytes", ...emit(form, ops, explicitPrefixes, env) };
}

// ---- form selection ----

function chooseForm(mn: Token, forms: Form[], suffix: OperandSize | null, ops: Operand[], env: EncodeEnv): Form {
  const sized = suffix === null ? forms : forms.filter((f) => f.size === suffix);
  if (sized.length === 0) throw new TokenError(mn, `'${mn.text}': this instruction takes no '${mn.text.slice(-1)}' suffix`);
  // String instructions may spell out their implicit operands (`movsl (%esi),(%edi)`); only a
  // segment override on the source operand changes the encoding.
  const operandsOf = (f: Form): Operand[] => (f.flags.includes("s") && ops.length <= 2 && ops.every((o) => o.kind !== "imm") ? [] : ops);
  const matches = sized.filter((f) => {
    const o = operandsOf(f);
    return f.kinds.length === o.length && f.kinds.every((k, i) => kindMatches(k, o[i], f.size, env));
  });
  if (matches.length === 0) {
    const arity = sized.some((f) => f.kinds.length === operandsOf(f).length);
    const first = ops[0]?.tok ?? mn;
    if (!arity) throw new TokenError(mn, `'${mn.text}' does not take ${ops.length} operand${ops.length === 1 ? "" : "s"}`);
    throw new TokenError(first, `invalid operands for '${mn.text}'${operandSizeHint(ops)}`);
  }
  const first = matches[0];
  if (suffix !== null || first.size === 0 || pinsSize(first, ops)) return first;
  const sizes = new Set(matches.map((f) => f.size));
  if (sizes.size === 1) return first;
  if (first.flags.includes("d")) {
    const codeSize = env.code16 ? 16 : 32;
    const form = matches.find((f) => f.size === codeSize);
    if (form !== undefined) return form;
  }
  throw new TokenError(mn, `no operand size for '${mn.text}': add a b, w or l suffix (no register operand tells the size)`);
}

function operandSizeHint(ops: Operand[]): string {
  const sizes = new Set(ops.flatMap((o) => (o.kind === "reg" && registerSize(o.reg) !== 0 ? [registerSize(o.reg)] : [])));
  return sizes.size > 1 ? " (the register operands have different sizes)" : "";
}

/** A size-relative operand kind matched a general register: the size is not a guess. */
function pinsSize(form: Form, ops: Operand[]): boolean {
  return form.kinds.some((k, i) => /^(\*?rm|r|acc)(16|32|8)$/.test(k) && ops[i].kind === "reg");
}

function isGpr(r: Register, size: number): boolean {
  return registerSize(r) === size;
}

function kindMatches(kind: string, op: Operand, size: OperandSize, env: EncodeEnv): boolean {
  const indirect = op.kind !== "imm" && op.indirect;
  if (kind.startsWith("*")) {
    const k = kind.slice(1);
    if (op.kind === "reg") return k !== "m" && isGpr(op.reg, Number(k.slice(2)));
    // GNU as also takes `jmp (%eax)` as indirect (with a warning); a bare symbol is a direct target.
    return op.kind === "mem" && (indirect || op.base !== undefined || op.index !== undefined);
  }
  if (indirect) return false;
  const m = sizedKind(kind);
  if (m !== null) {
    const width = Number(m[2]);
    switch (m[1]) {
      case "r":
      case "R":
        return op.kind === "reg" && isGpr(op.reg, width);
      case "rm":
        return (op.kind === "reg" && isGpr(op.reg, width)) || op.kind === "mem";
      case "acc":
        return op.kind === "reg" && isGpr(op.reg, width) && op.reg.num === 0;
      case "imm":
        return op.kind === "imm";
    }
  }
  switch (kind) {
    case "simm8": {
      if (op.kind !== "imm") return false;
      const v = env.constant(op.expr);
      if (v === undefined) return false;
      const s = signExtend(v, size === 16 ? 16 : 32);
      return s >= -128 && s <= 127;
    }
    case "imm1":
      return op.kind === "imm" && env.constant(op.expr) === 1n;
    case "imm3":
      return op.kind === "imm" && env.constant(op.expr) === 3n;
    case "m":
      return op.kind === "mem";
    case "moffs":
      return op.kind === "mem" && op.base === undefined && op.index === undefined;
    case "cl":
      return op.kind === "reg" && op.reg.name === "cl";
    case "dx":
      return (op.kind === "reg" && op.reg.name === "dx") || (op.kind === "mem" && op.base?.name === "dx" && op.index === undefined && op.disp === undefined);
    case "sreg":
    case "creg":
    case "dreg":
      return op.kind === "reg" && op.reg.cls === kind;
    case "st0":
      return op.kind === "reg" && op.reg.cls === "fpu" && op.reg.num === 0;
    case "sti":
      return op.kind === "reg" && op.reg.cls === "fpu";
    case "es":
    case "cs":
    case "ss":
    case "ds":
    case "fs":
    case "gs":
      return op.kind === "reg" && op.reg.name === kind;
  }
  throw new Error(`internal: unknown operand kind ${kind}`);
}

const SIZED_KINDS = new Map<string, RegExpExecArray | null>();
/** `rm32` → ["rm32", "rm", "32"]; cached because form matching asks for every operand. */
function sizedKind(kind: string): RegExpExecArray | null {
  let m = SIZED_KINDS.get(kind);
  if (m === undefined) {
    m = /^(r|rm|acc|imm|R)(8|16|32)$/.exec(kind);
    SIZED_KINDS.set(kind, m);
  }
  return m;
}

export function signExtend(v: bigint, bits: number): number {
  return Number(BigInt.asIntN(bits, v));
}

// ---- emission ----

interface Out {
  bytes: number[];
  fixups: EncodedFixup[];
}

function emit(form: Form, ops: Operand[], explicit: PrefixSlots, env: EncodeEnv): Out {
  const prefixes: PrefixSlots = { ...explicit };
  const codeSize = env.code16 ? 16 : 32;
  const isString = form.flags.includes("s");
  const mem = ops.find((o): o is MemOperand => o.kind === "mem");
  if (isString) {
    if (mem?.seg !== undefined && mem.seg.name !== "es") prefixes.seg = SEGMENT_PREFIX[mem.seg.num];
    const reg = mem?.base ?? mem?.index;
    if (reg !== undefined && registerSize(reg) !== codeSize) prefixes.addr = 0x67;
    ops = [];
  }
  let addrSize = codeSize;
  if (mem !== undefined && !isString && !(form.kinds.includes("dx") && mem.base?.name === "dx")) {
    const reg = mem.base ?? mem.index;
    if (reg !== undefined) addrSize = registerSize(reg);
    if (addrSize !== codeSize) prefixes.addr = 0x67;
    if (mem.seg !== undefined) prefixes.seg = SEGMENT_PREFIX[mem.seg.num];
  }
  if ((form.size === 16 || form.size === 32) && form.size !== codeSize && !form.flags.includes("n")) prefixes.data = 0x66;

  const out: Out = { bytes: [], fixups: [] };
  const opcode = [...form.opcode];
  // fwait (9b) leading an x87 form is a prefix of its own that GNU as writes before all others.
  if (opcode.length > 1 && opcode[0] === 0x9b) out.bytes.push(opcode.shift()!);
  for (const slot of SLOT_ORDER) if (prefixes[slot] !== undefined) out.bytes.push(prefixes[slot]);
  if (form.plusReg) {
    const i = form.kinds.findIndex((k) => /^r(8|16|32)$/.test(k));
    const op = ops[i];
    if (op.kind !== "reg") throw new Error("internal: +r operand is not a register");
    opcode[opcode.length - 1] += op.reg.num;
  }
  out.bytes.push(...opcode);

  if (form.modrm !== null) {
    let regField = typeof form.modrm === "number" ? form.modrm : 0;
    let rmOp: Operand | undefined;
    form.kinds.forEach((k, i) => {
      const op = ops[i];
      if (/^(r(8|16|32)|sreg|creg|dreg)$/.test(k) && form.modrm === "r") {
        if (op.kind === "reg") regField = op.reg.num;
        if (form.flags.includes("2")) rmOp = op;
      } else if (/^(\*?rm(8|16|32)|R(16|32)|\*?m|sti)$/.test(k) || (form.modrm !== "r" && /^r(8|16|32)$/.test(k))) {
        rmOp = op;
      }
    });
    if (rmOp === undefined) throw new Error(`internal: form ${form.mnemonic} has no r/m operand`);
    if (rmOp.kind === "reg") out.bytes.push(0xc0 | (regField << 3) | rmOp.reg.num);
    else if (rmOp.kind === "mem") encodeMemory(out, regField, rmOp, addrSize, env);
  }

  form.kinds.forEach((k, i) => {
    const op = ops[i];
    if (k === "moffs" && op.kind === "mem") {
      if (op.disp === undefined) throw new TokenError(op.tok, "expected an address");
      pushValue(out, op.disp, addrSize / 8, env);
    }
  });

  const imms: [Expr, number][] = [];
  form.kinds.forEach((k, i) => {
    const op = ops[i];
    if (op.kind !== "imm") return;
    const m = /^imm(8|16|32)$/.exec(k);
    if (m !== null) imms.push([op.expr, Number(m[1]) / 8]);
    else if (k === "simm8") imms.push([op.expr, 1]);
  });
  if (form.flags.includes("f")) imms.reverse(); // far pointer: offset, then selector
  for (const [expr, size] of imms) pushValue(out, expr, size, env);
  return out;
}

function pushValue(out: Out, expr: Expr, size: number, env: EncodeEnv): void {
  const v = env.constant(expr);
  if (v === undefined) {
    out.fixups.push({ offset: out.bytes.length, size: size as 1 | 2 | 4, expr, pcrel: false });
    for (let i = 0; i < size; i++) out.bytes.push(0);
    return;
  }
  pushLittleEndian(out.bytes, v, size);
}

export function pushLittleEndian(bytes: number[], v: number | bigint, size: number): void {
  let b = BigInt.asUintN(size * 8, typeof v === "bigint" ? v : BigInt(Math.trunc(v)));
  for (let i = 0; i < size; i++) {
    bytes.push(Number(b & 0xffn));
    b >>= 8n;
  }
}

const MODRM16: Record<string, number> = { "bx,si": 0, "bx,di": 1, "bp,si": 2, "bp,di": 3, si: 4, di: 5, bp: 6, bx: 7 };

function encodeMemory(out: Out, regField: number, mem: MemOperand, addrSize: number, env: EncodeEnv): void {
  const dispValue = mem.disp === undefined ? 0n : env.constant(mem.disp);
  const known = dispValue !== undefined;
  const disp = known ? signExtend(dispValue, addrSize) : 0;
  const dispExpr = mem.disp;
  const pushDisp = (size: number): void => {
    if (known || dispExpr === undefined) pushLittleEndian(out.bytes, disp, size);
    else pushValue(out, dispExpr, size, env);
  };
  // mod: 0 = no displacement, 1 = disp8, 2 = full displacement
  const modFor = (needsDisp: boolean): number => (!known ? 2 : disp === 0 && !needsDisp ? 0 : disp >= -128 && disp <= 127 ? 1 : 2);

  if (addrSize === 16) {
    if (mem.base === undefined && mem.index === undefined) {
      out.bytes.push((regField << 3) | 6);
      pushDisp(2);
      return;
    }
    if (mem.scale !== 1) throw new TokenError(mem.tok, "16-bit addressing has no scale factor");
    const key = [mem.base?.name, mem.index?.name].filter((x) => x !== undefined).join(",");
    const rm = MODRM16[key];
    if (rm === undefined) throw new TokenError(mem.tok, `(${key.split(",").map((r) => "%" + r).join(",")}) is not a valid 16-bit address`);
    const mod = modFor(rm === 6);
    out.bytes.push((mod << 6) | (regField << 3) | rm);
    if (mod === 1) pushDisp(1);
    else if (mod === 2) pushDisp(2);
    return;
  }

  if (mem.base === undefined && mem.index === undefined) {
    out.bytes.push((regField << 3) | 5);
    pushDisp(4);
    return;
  }
  const scaleBits = { 1: 0, 2: 1, 4: 2, 8: 3 }[mem.scale];
  if (mem.index === undefined && mem.base !== undefined && mem.base.num !== 4) {
    const mod = modFor(mem.base.num === 5);
    out.bytes.push((mod << 6) | (regField << 3) | mem.base.num);
    if (mod === 1) pushDisp(1);
    else if (mod === 2) pushDisp(4);
    return;
  }
  const indexNum = mem.index?.num ?? 4;
  if (mem.base === undefined) {
    out.bytes.push((regField << 3) | 4, (scaleBits << 6) | (indexNum << 3) | 5);
    pushDisp(4);
    return;
  }
  const mod = modFor(mem.base.num === 5);
  out.bytes.push((mod << 6) | (regField << 3) | 4, (scaleBits << 6) | (indexNum << 3) | mem.base.num);
  if (mod === 1) pushDisp(1);
  else if (mod === 2) pushDisp(4);
}

// ---- branches to labels ----

const LOOPS = new Map<string, number>([
  ["loop", 0xe2],
  ["loope", 0xe1],
  ["loopz", 0xe1],
  ["loopne", 0xe0],
  ["loopnz", 0xe0],
  ["jcxz", 0xe3],
  ["jecxz", 0xe3],
]);

function directTarget(ops: Operand[]): Expr | undefined {
  if (ops.length !== 1) return undefined;
  const op = ops[0];
  if (op.kind !== "mem" || op.indirect || op.base !== undefined || op.index !== undefined || op.seg !== undefined) return undefined;
  return op.disp;
}

function encodeBranch(mn: Token, name: string, explicit: PrefixSlots, ops: Operand[], env: EncodeEnv): Encoding | null {
  const prefixBytes = (extra: PrefixSlots = {}): number[] => {
    const p: PrefixSlots = { ...explicit, ...extra };
    return SLOT_ORDER.flatMap((s) => (p[s] === undefined ? [] : [p[s]]));
  };
  // `jmp $sel, $off` is GNU as's other spelling of ljmp.
  if ((name === "jmp" || name === "call") && ops.length === 2 && ops.every((o) => o.kind === "imm")) {
    return encodeInstruction({ ...mn, text: "l" + name }, explicit, ops, env);
  }
  const target = directTarget(ops);
  if (target === undefined) return null;
  const codeSize = env.code16 ? 16 : 32;
  if (name === "jmp") return { kind: "jump", prefix: prefixBytes(), cc: null, target };
  if (name.startsWith("j") && CONDITION_CODES.has(name.slice(1))) {
    return { kind: "jump", prefix: prefixBytes(), cc: CONDITION_CODES.get(name.slice(1)) ?? 0, target };
  }
  const call = /^call([wl]?)$/.exec(name);
  if (call !== null) {
    const size = call[1] === "w" ? 16 : call[1] === "l" ? 32 : codeSize;
    const bytes = [...prefixBytes(size !== codeSize ? { data: 0x66 } : {}), 0xe8];
    const fixup: EncodedFixup = { offset: bytes.length, size: (size / 8) as 2 | 4, expr: target, pcrel: true };
    for (let i = 0; i < size / 8; i++) bytes.push(0);
    return { kind: "bytes", bytes, fixups: [fixup] };
  }
  const loop = LOOPS.get(name);
  if (loop !== undefined) {
    const wantsAddr = (name === "jcxz" && !env.code16) || (name === "jecxz" && env.code16);
    const bytes = [...prefixBytes(wantsAddr ? { addr: 0x67 } : {}), loop];
    const fixup: EncodedFixup = { offset: bytes.length, size: 1, expr: target, pcrel: true };
    bytes.push(0);
    return { kind: "bytes", bytes, fixups: [fixup] };
  }
  return null;
}
