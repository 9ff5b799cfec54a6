// The KBC text format (`tsk --emit=kbc`): one line per op, labels flush left, so a dump reads
// like assembly and diffs line by line. The grammar is in README.md.
import type { DataReloc, Insn, KbcFunction, KbcGlobal, KbcModule, KType, Signature } from "./types.ts";

export function printModule(m: KbcModule): string {
  const out: string[] = [`; kbc module ${m.source}`];
  for (const e of m.externs) out.push(`extern ${e.name}${printSignature(e.sig)}`);
  for (const d of m.externData ?? []) out.push(`extern data ${d}`);
  for (const g of m.globals) out.push(...printGlobal(g));
  for (const f of m.functions) out.push(...printFunction(f));
  return out.join("\n") + "\n";
}

export function printSignature(sig: Signature): string {
  return `(${sig.params.join(", ")}) -> ${sig.result ?? "void"}`;
}

function printGlobal(g: KbcGlobal): string[] {
  const flags = [g.exported ? "export" : "", g.readonly ? "readonly" : "", g.percpu ? "percpu" : ""].filter((s) => s);
  const head = `global ${g.name} size ${g.size} align ${g.align}${flags.length ? " " + flags.join(" ") : ""}`;
  const lines = [head];
  if (g.data) lines.push(`  data ${printBytes(g.data, g.readonly)}`);
  for (const r of g.relocs) lines.push(`  reloc ${printReloc(r)}`);
  return lines;
}

function printReloc(r: DataReloc): string {
  return `${r.offset} ${r.symbol}${r.addend ? (r.addend > 0 ? "+" : "") + r.addend : ""}`;
}

/** Read-only data that is printable text (string literals) is shown as a quoted C string. */
function printBytes(data: Uint8Array, asText: boolean): string {
  const text = asText && data.length > 0 && data[data.length - 1] === 0 && data.subarray(0, -1).every((b) => b >= 0x20 && b < 0x7f || b === 10 || b === 9);
  if (text) {
    let s = '"';
    for (const b of data) {
      if (b === 0x22 || b === 0x5c) s += "\\" + String.fromCharCode(b);
      else if (b >= 0x20 && b < 0x7f) s += String.fromCharCode(b);
      else s += "\\" + b.toString(16).padStart(2, "0");
    }
    return s + '"';
  }
  return Array.from(data, (b) => b.toString(16).padStart(2, "0")).join(" ");
}

export function printFunction(f: KbcFunction): string[] {
  const params = f.params.map((t, i) => `${t} %${i}`).join(", ");
  const attrs = Object.entries(f.attrs).filter(([, v]) => v).map(([k]) => k);
  const flags = [f.exported ? "export" : "", ...attrs].filter((s) => s);
  const lines = [`func ${f.name}(${params}) -> ${f.result ?? "void"}${flags.length ? " " + flags.join(" ") : ""}${f.source ? "  ; " + f.source : ""}`];
  for (let i = 0; i < f.locals.length; i++) {
    const name = f.localNames[i] ?? "";
    if (i >= f.params.length) lines.push(`  local %${i} ${f.locals[i]}${name ? " ; " + name : ""}`);
    else if (name) lines.push(`  ; %${i} = ${name}`);
  }
  f.slots.forEach((s, i) => lines.push(`  slot $${i} size ${s.size} align ${s.align}${s.name ? " ; " + s.name : ""}`));
  let lastLine = 0;
  const lineOf = f.lines?.length === f.body.length ? f.lines : undefined;
  f.body.forEach((insn, pc) => {
    const line = lineOf?.[pc];
    if (line !== undefined && line !== lastLine && insn.op !== "label") { lines.push(`  ; line ${line}`); lastLine = line; }
    lines.push(printInsn(insn));
  });
  lines.push("end");
  return lines;
}

export function printInsn(i: Insn): string {
  switch (i.op) {
    case "label": return `L${i.id}:`;
    case "const": return `  const ${i.ty} ${printConst(i.ty, i.value)}`;
    case "local.get": case "local.set": return `  ${i.op} %${i.index}`;
    case "drop": return `  drop ${i.ty}`;
    case "global.addr": case "percpu.addr": return `  ${i.op} ${i.name}${offset(i.offset)}`;
    case "func.addr": case "call": return `  ${i.op} ${i.name}`;
    case "slot.addr": return `  slot.addr $${i.slot}${offset(i.offset)}`;
    case "load": return `  load ${i.ty} ${i.signed ? "s" : "u"}${i.width * 8}${offset(i.offset)}${i.volatile ? " volatile" : ""}`;
    case "store": return `  store ${i.ty} ${i.width * 8}${offset(i.offset)}${i.volatile ? " volatile" : ""}`;
    case "narrow": return `  narrow ${i.signed ? "s" : "u"}${i.bits}`;
    case "extend": return `  extend ${i.signed ? "s" : "u"}`;
    case "wrap": case "ret": return `  ${i.op}`;
    case "br": case "br_if": return `  ${i.op} L${i.target}`;
    case "br_table": return `  br_table [${i.targets.map((t) => "L" + t).join(" ")}] L${i.default}`;
    case "call_indirect": return `  call_indirect ${printSignature(i.sig)}`;
    case "trap": return `  trap ${JSON.stringify(i.reason)}`;
    case "intrinsic": return `  intrinsic ${i.name}`;
    default: return `  ${i.op} ${i.ty}`;
  }
}

function offset(n: number): string {
  return n === 0 ? "" : n > 0 ? `+${n}` : `${n}`;
}

/** Constants print in the signedness of their type, so `const i32 -1` and `const u32 4294967295`. */
function printConst(ty: KType, v: bigint): string {
  const bits = ty === "i64" || ty === "u64" ? 64 : 32;
  return String(ty === "i32" || ty === "i64" ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v));
}
