// Test support for the linker tests: assembling with GNU as, linking with GNU ld (the
// outside judge) and reading back what an ELF loader would load. Booting uses the shared
// judges in test/reference.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PT_LOAD, STT_FILE, STT_SECTION, readElf32, stBind, stType } from "../elf/index.ts";
import { requireTool } from "../../test/host-tools.ts";

export const TESTDATA = path.join(path.dirname(new URL(import.meta.url).pathname), "testdata");

/** A scratch directory removed by `dispose()`. */
export class Scratch {
  readonly dir = mkdtempSync(path.join(tmpdir(), "tsk-ld-test-"));
  path(name: string): string { return path.join(this.dir, name); }
  write(name: string, data: string | Uint8Array): string {
    const p = this.path(name);
    writeFileSync(p, data);
    return p;
  }
  dispose(): void { rmSync(this.dir, { recursive: true, force: true }); }
}

/** Assemble AT&T source text with GNU `as --32` (and -g unless `debug` is false). */
export function gnuAssemble(scratch: Scratch, name: string, source: string, debug = true): Uint8Array {
  const as = requireTool("as");
  const src = scratch.write(`${name}.S`, source);
  const obj = scratch.path(`${name}.o`);
  execFileSync(as, ["--32", ...(debug ? ["-g"] : []), "-o", obj, src], { stdio: ["ignore", "pipe", "pipe"] });
  return new Uint8Array(readFileSync(obj));
}

/** Link with GNU ld -m elf_i386; `objects` are written to the scratch dir under their names. */
export function gnuLink(scratch: Scratch, objects: { name: string; data: Uint8Array }[], args: string[]): Uint8Array {
  const ld = requireTool("ld");
  // Relative names, so GNU ld's messages and map name the objects as ours do.
  for (const o of objects) scratch.write(o.name, o.data);
  const out = scratch.path("gnu.elf");
  const r = spawnSync(ld, ["-m", "elf_i386", ...args, "-o", out, ...objects.map((o) => o.name)], { cwd: scratch.dir, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`GNU ld failed (status ${r.status}): ${r.stderr}`);
  return new Uint8Array(readFileSync(out));
}

export interface LoadedSegment {
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  flags: number;
  /** The file bytes of the segment (filesz of them). */
  bytes: string;
}

/**
 * The PT_LOAD segments as a loader sees them; bytes as hex so a mismatch prints readably.
 * When a segment loads the ELF header itself, the fields that locate the section header
 * table (e_shoff, e_shnum, e_shstrndx) are blanked: they describe the unloaded tail of the
 * file (symbol table, debug sections), which is not required to match GNU ld's.
 */
export function loadedSegments(image: Uint8Array, name: string): LoadedSegment[] {
  const elf = readElf32(image, name);
  return elf.programHeaders.filter((p) => p.type === PT_LOAD).map((p) => {
    const bytes = image.slice(p.offset, p.offset + p.filesz);
    if (p.offset === 0 && bytes.length >= 52) {
      bytes.fill(0, 0x20, 0x24);
      bytes.fill(0, 0x30, 0x34);
    }
    return {
      vaddr: p.vaddr, paddr: p.paddr, filesz: p.filesz, memsz: p.memsz, flags: p.flags,
      bytes: Buffer.from(bytes).toString("hex"),
    };
  });
}

/** "name@file-order" → value for every named symbol (locals keep their own entries). */
export function symbolValues(image: Uint8Array, name: string): Map<string, number> {
  const elf = readElf32(image, name);
  const symtab = elf.sections.find((s) => s.name === ".symtab");
  const out = new Map<string, number>();
  if (symtab === undefined) return out;
  for (const s of elf.symbols(symtab)) {
    if (s.name === "" || stType(s.info) === STT_SECTION || stType(s.info) === STT_FILE) continue;
    const key = stBind(s.info) === 0 ? `${s.name} (local ${s.value.toString(16)})` : s.name;
    out.set(key, s.value);
  }
  return out;
}
