// The ELF32 reader against GNU as output (and readelf as the judge), the writer by round
// trip, and the reader's refusals of damaged files.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireTool } from "../../test/host-tools.ts";
import {
  ByteWriter, ElfFormatError, EM_386, ET_EXEC, ET_REL, PF_R, PF_X, PT_LOAD, R_386_32, R_386_PC32, SHT_NOBITS,
  SHT_PROGBITS, STB_GLOBAL, STT_FUNC, StringTable, readElf32, relocTypeName, stBind, stType, writeElfHeader,
  writeProgramHeader, writeSectionHeader,
} from "./index.ts";

let dir: string;
let object: Uint8Array;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "elf-test-"));
  writeFileSync(path.join(dir, "a.S"), `
    .globl entry
    .type entry, @function
entry: call helper
    movl $table, %eax
    ret
    .data
table: .long entry, 7
    .bss
    .skip 32
`);
  execFileSync(requireTool("as"), ["--32", "-o", path.join(dir, "a.o"), path.join(dir, "a.S")]);
  object = new Uint8Array(readFileSync(path.join(dir, "a.o")));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("reading a GNU as object", () => {
  test("header, sections and symbols agree with readelf", () => {
    const elf = readElf32(object, "a.o");
    expect(elf.header.type).toBe(ET_REL);
    expect(elf.header.machine).toBe(EM_386);
    const readelf = spawnSync(requireTool("readelf"), ["-SW", path.join(dir, "a.o")], { encoding: "utf8" }).stdout;
    for (const s of elf.sections.slice(1)) {
      const row = new RegExp(`\\] ${s.name.replace(/\./g, "\\.")}\\s+\\S+\\s+0+ 0*${s.offset.toString(16)} 0*${s.size.toString(16)} `);
      expect(readelf, `section ${s.name} (offset 0x${s.offset.toString(16)}, size 0x${s.size.toString(16)})`).toMatch(row);
    }
    const text = elf.sections.find((s) => s.name === ".text")!;
    expect(text.type).toBe(SHT_PROGBITS);
    expect(elf.sections.find((s) => s.name === ".bss")!).toMatchObject({ type: SHT_NOBITS, size: 32 });
    expect(elf.sectionData(elf.sections.find((s) => s.name === ".bss")!).length).toBe(0);
    const symtab = elf.sections.find((s) => s.name === ".symtab")!;
    const entry = elf.symbols(symtab).find((s) => s.name === "entry")!;
    expect(stBind(entry.info)).toBe(STB_GLOBAL);
    expect(stType(entry.info)).toBe(STT_FUNC);
    expect(entry.shndx).toBe(text.index);
  });

  test("relocations: a call and two absolute words", () => {
    const elf = readElf32(object, "a.o");
    const relText = elf.rels(elf.sections.find((s) => s.name === ".rel.text")!);
    expect(relText.map((r) => relocTypeName(r.type))).toEqual(["R_386_PC32", "R_386_32"]);
    expect(relText[0]).toMatchObject({ offset: 1, type: R_386_PC32 });
    const relData = elf.rels(elf.sections.find((s) => s.name === ".rel.data")!);
    expect(relData).toHaveLength(1);
    expect(relData[0]).toMatchObject({ offset: 0, type: R_386_32 });
    expect(relocTypeName(0x99)).toBe("relocation type 0x99");
  });
});

describe("writing", () => {
  test("a minimal executable written with the encoders reads back, and readelf accepts it", () => {
    const code = Uint8Array.from([0xb8, 1, 0, 0, 0, 0xc3]);
    const names = new StringTable();
    const textName = names.add(".text");
    const shstrName = names.add(".shstrtab");
    expect(names.add(".text"), "strings are stored once").toBe(textName);
    const w = new ByteWriter();
    const shoff = 0x1000 + code.length + names.size;
    writeElfHeader(w, { osabi: 0, type: ET_EXEC, machine: EM_386, entry: 0x401000, phoff: 52, shoff: Math.ceil(shoff / 4) * 4, flags: 0, phnum: 1, shnum: 3, shstrndx: 2 });
    writeProgramHeader(w, { type: PT_LOAD, offset: 0x1000, vaddr: 0x401000, paddr: 0x401000, filesz: code.length, memsz: code.length, flags: PF_R | PF_X, align: 0x1000 });
    w.padTo(0x1000);
    w.bytes(code);
    w.bytes(names.bytes());
    w.align(4);
    writeSectionHeader(w, { nameOffset: 0, type: 0, flags: 0, addr: 0, offset: 0, size: 0, link: 0, info: 0, addralign: 0, entsize: 0 });
    writeSectionHeader(w, { nameOffset: textName, type: SHT_PROGBITS, flags: 6, addr: 0x401000, offset: 0x1000, size: code.length, link: 0, info: 0, addralign: 1, entsize: 0 });
    writeSectionHeader(w, { nameOffset: shstrName, type: 3, flags: 0, addr: 0, offset: 0x1000 + code.length, size: names.size, link: 0, info: 0, addralign: 1, entsize: 0 });
    const image = w.finish();
    const elf = readElf32(image, "mini.elf");
    expect(elf.header.entry).toBe(0x401000);
    expect(elf.sections.map((s) => s.name)).toEqual(["", ".text", ".shstrtab"]);
    expect([...elf.sectionData(elf.sections[1]!)]).toEqual([...code]);
    expect(elf.programHeaders[0]).toMatchObject({ type: PT_LOAD, vaddr: 0x401000, filesz: 6 });
    const file = path.join(dir, "mini.elf");
    writeFileSync(file, image);
    const r = spawnSync(requireTool("readelf"), ["-a", "-W", file], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("Entry point address:               0x401000");
  });
});

describe("refusing damaged files", () => {
  const damaged = (edit: (v: DataView) => void): Uint8Array => {
    const copy = object.slice();
    edit(new DataView(copy.buffer));
    return copy;
  };
  test.each([
    ["empty", () => new Uint8Array(0), "x.o: not an ELF file (bad magic number)"],
    ["big-endian", () => damaged((v) => v.setUint8(5, 2)), "x.o: ELF data encoding 2 is not little-endian (ELFDATA2LSB)"],
    ["bad version", () => damaged((v) => v.setUint8(6, 9)), "x.o: ELF version 9 is not EV_CURRENT (1)"],
    ["odd shentsize", () => damaged((v) => v.setUint16(46, 64, true)), "x.o: section header entry size is 64, expected 40"],
    ["shstrndx out of range", () => damaged((v) => v.setUint16(50, 500, true)), /^x\.o: section name table index 500 is out of range/],
    ["non-power-of-two alignment", () => damaged((v) => v.setUint32(v.getUint32(32, true) + 40 + 32, 3, true)), "x.o: section 1 has alignment 3, which is not a power of two"],
    ["section name past the table", () => damaged((v) => v.setUint32(v.getUint32(32, true) + 40, 0xffff, true)), "x.o: section 1 has name offset 65535, past the end of the section name table"],
  ])("%s", (_name, make, message) => {
    let caught: unknown;
    try { readElf32(make(), "x.o"); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(ElfFormatError);
    if (typeof message === "string") expect((caught as Error).message).toBe(message);
    else expect((caught as Error).message).toMatch(message);
  });
});
