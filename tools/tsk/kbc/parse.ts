// Reads the KBC text format back (the inverse of print.ts), so a dump is a real artefact:
// it can be edited, kept as a test input, and run (`tsk --run-kbc prog.kbc`).
import { isIntrinsicName } from "./intrinsics.ts";
import type { BinaryOp, CompareOp, FunctionAttrs, Insn, KbcFunction, KbcGlobal, KbcModule, KType, Signature, Width } from "./types.ts";

export class KbcParseError extends Error {}

const TYPES = new Set(["i32", "u32", "i64", "u64"]);
const BINARY = new Set<string>(["add", "sub", "mul", "div", "rem", "and", "or", "xor", "shl", "shr"]);
const COMPARE = new Set<string>(["eq", "ne", "lt", "le", "gt", "ge"]);

export function parseModule(text: string, fileName = "module.kbc"): KbcModule {
  const lines = text.split("\n");
  const m: KbcModule = { source: fileName, globals: [], functions: [], externs: [] };
  let n = 0;
  const fail = (msg: string): never => { throw new KbcParseError(`${fileName}:${n}: ${msg}`); };
  const type = (s: string | undefined): KType => (s && TYPES.has(s) ? (s as KType) : fail(`expected a type (i32 u32 i64 u64), found ${JSON.stringify(s)}`));
  const resultType = (s: string): KType | null => (s === "void" ? null : type(s));
  const int = (s: string | undefined): number => {
    if (s === undefined || !/^[+-]?\d+$/.test(s)) fail(`expected a number, found ${JSON.stringify(s)}`);
    return Number(s);
  };
  const signature = (s: string): Signature => {
    const r = /^\((.*)\) -> (\S+)$/.exec(s.trim()) ?? fail(`expected (types) -> type, found ${s}`);
    return { params: r[1]!.trim() ? r[1]!.split(",").map((t) => type(t.trim())) : [], result: resultType(r[2]!) };
  };
  const nameOffset = (s: string): [string, number] => {
    const r = /^(.*?)([+-]\d+)?$/.exec(s)!;
    return [r[1]!, r[2] ? Number(r[2]) : 0];
  };
  let fn: KbcFunction | undefined;
  let global: KbcGlobal | undefined;
  let line = 0;
  while (n < lines.length) {
    const raw = lines[n++]!;
    const [code, comment] = splitComment(raw);
    const t = code.trim();
    if (fn) {
      const c = comment?.trim();
      if (c?.startsWith("line ")) { line = int(c.slice(5)); continue; }
      const pname = c ? /^%(\d+) = (.*)$/.exec(c) : null;
      if (!t && pname) { fn.localNames[Number(pname[1])] = pname[2]!; continue; }
      if (!t) continue;
      if (t === "end") { m.functions.push(fn); fn = undefined; continue; }
      const w = t.split(/\s+/);
      if (w[0] === "local") {
        const idx = int(w[1]!.slice(1));
        fn.locals[idx] = type(w[2]);
        fn.localNames[idx] = c ?? "";
        continue;
      }
      if (w[0] === "slot") {
        if (w[2] !== "size" || w[4] !== "align") fail("expected slot $n size N align A");
        fn.slots[int(w[1]!.slice(1))] = { size: int(w[3]), align: int(w[5]), name: c ?? "" };
        continue;
      }
      fn.body.push(parseInsn(t, w));
      fn.lines!.push(line);
      continue;
    }
    if (!t) {
      const header = comment ? /^ kbc module (.*)$/.exec(comment) : null;
      if (header) m.source = header[1]!;
      continue;
    }
    if (global && raw.startsWith("  ")) {
      const w = t.split(/\s+/);
      if (w[0] === "data") global.data = parseData(t.slice(5).trim(), global.size, fail);
      else if (w[0] === "reloc") { const [symbol, addend] = nameOffset(w[2]!); global.relocs.push({ offset: int(w[1]), symbol, addend }); }
      else fail(`unexpected line in a global: ${t}`);
      continue;
    }
    global = undefined;
    if (t.startsWith("extern data ")) { (m.externData ??= []).push(t.slice(12).trim()); continue; }
    if (t.startsWith("extern ")) {
      const r = /^extern ([^(\s]+)(\(.*)$/.exec(t) ?? fail("expected extern name(types) -> type");
      m.externs.push({ name: r[1]!, sig: signature(r[2]!) });
      continue;
    }
    if (t.startsWith("global ")) {
      const w = t.split(/\s+/);
      if (w[2] !== "size" || w[4] !== "align") fail("expected global name size N align A [export] [readonly] [percpu]");
      const flags = new Set(w.slice(6));
      global = { name: w[1]!, size: int(w[3]), align: int(w[5]), relocs: [], exported: flags.has("export"), readonly: flags.has("readonly"), percpu: flags.has("percpu") };
      m.globals.push(global);
      continue;
    }
    if (t.startsWith("func ")) {
      const r = /^func ([^(\s]+)\((.*?)\) -> (\S+)((?: \w+)*)$/.exec(t) ?? fail("expected func name(type %0, ...) -> type [flags]");
      const params = r[2]!.trim() ? r[2]!.split(",").map((p) => type(p.trim().split(/\s+/)[0])) : [];
      const flags = new Set(r[4]!.trim().split(/\s+/).filter((x) => x));
      const attrs: FunctionAttrs = {};
      for (const a of ["inline", "interrupt", "naked"] as const) if (flags.has(a)) attrs[a] = true;
      fn = { name: r[1]!, exported: flags.has("export"), params, result: resultType(r[3]!), locals: [...params], localNames: params.map(() => ""), slots: [], body: [], lines: [], attrs };
      if (comment?.trim()) fn.source = comment.trim();
      line = 0;
      continue;
    }
    fail(`unexpected line: ${t}`);
  }
  if (fn) fail(`function ${fn.name} has no end`);
  return m;

  function parseInsn(t: string, w: string[]): Insn {
    const op = w[0]!;
    if (/^L\d+:$/.test(t)) return { op: "label", id: int(t.slice(1, -1)) };
    switch (op) {
      case "const": return { op, ty: type(w[1]), value: BigInt(w[2] ?? fail("const needs a value")) };
      case "local.get": case "local.set": return { op, index: int(w[1]?.slice(1)) };
      case "drop": return { op, ty: type(w[1]) };
      case "global.addr": case "percpu.addr": { const [name, offset] = nameOffset(w[1]!); return { op, name, offset }; }
      case "func.addr": case "call": return { op, name: w[1] ?? fail(`${op} needs a name`) };
      case "slot.addr": { const [s, offset] = nameOffset(w[1]!.slice(1)); return { op, slot: int(s), offset }; }
      case "load": {
        const r = /^([su])(8|16|32|64)([+-]\d+)?$/.exec(w[2] ?? "") ?? fail("expected load T s8|u8|s16|u16|s32|u32|s64|u64[+off]");
        return { op, ty: type(w[1]), width: (Number(r[2]) / 8) as Width, signed: r[1] === "s", offset: r[3] ? Number(r[3]) : 0, ...(w[3] === "volatile" ? { volatile: true } : {}) };
      }
      case "store": {
        const r = /^(8|16|32|64)([+-]\d+)?$/.exec(w[2] ?? "") ?? fail("expected store T 8|16|32|64[+off]");
        return { op, ty: type(w[1]), width: (Number(r[1]) / 8) as Width, offset: r[2] ? Number(r[2]) : 0, ...(w[3] === "volatile" ? { volatile: true } : {}) };
      }
      case "narrow": {
        const r = /^([su])(8|16)$/.exec(w[1] ?? "") ?? fail("expected narrow s8|u8|s16|u16");
        return { op, bits: Number(r[2]) as 8 | 16, signed: r[1] === "s" };
      }
      case "extend": return { op, signed: w[1] === "s" };
      case "wrap": case "ret": return { op };
      case "br": case "br_if": return { op, target: int(w[1]?.slice(1)) };
      case "br_table": {
        const r = /^br_table \[(.*)\] L(\d+)$/.exec(t) ?? fail("expected br_table [L.. L..] Ld");
        return { op, targets: r[1]!.trim() ? r[1]!.trim().split(/\s+/).map((l) => int(l.slice(1))) : [], default: int(r[2]) };
      }
      case "call_indirect": return { op, sig: signature(t.slice(op.length)) };
      case "trap": return { op, reason: JSON.parse(t.slice(5)) as string };
      case "intrinsic": {
        const name = w[1] ?? "";
        if (!isIntrinsicName(name)) fail(`unknown intrinsic ${name}`);
        return { op, name: name as Extract<Insn, { op: "intrinsic" }>["name"] };
      }
      case "eqz": return { op, ty: type(w[1]) };
    }
    if (BINARY.has(op)) return { op: op as BinaryOp, ty: type(w[1]) };
    if (COMPARE.has(op)) return { op: op as CompareOp, ty: type(w[1]) };
    return fail(`unknown op ${op}`);
  }
}

/** Splits `code ; comment`, leaving semicolons inside a quoted string alone. */
function splitComment(line: string): [string, string | undefined] {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "\\" && quoted) { i++; continue; }
    if (c === '"') quoted = !quoted;
    if (c === ";" && !quoted) return [line.slice(0, i), line.slice(i + 1)];
  }
  return [line, undefined];
}

function parseData(s: string, size: number, fail: (m: string) => never): Uint8Array {
  const bytes: number[] = [];
  if (s.startsWith('"')) {
    for (let i = 1; i < s.length - 1; i++) {
      if (s[i] !== "\\") { bytes.push(s.charCodeAt(i)); continue; }
      const next = s[i + 1]!;
      if (next === '"' || next === "\\") { bytes.push(next.charCodeAt(0)); i++; continue; }
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    }
  } else {
    for (const h of s.split(/\s+/)) bytes.push(parseInt(h, 16));
  }
  if (bytes.length !== size || bytes.some((b) => Number.isNaN(b))) fail(`data has ${bytes.length} bytes, the global's size is ${size}`);
  return Uint8Array.from(bytes);
}
