// Symbols of module-private and re-used names (symbol-names.ts): a name defined once keeps
// its written symbol; names defined by several modules are qualified by module, each module
// reaching its own definitions; what cannot be told apart is an error naming both places.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileKts, type CompileResult } from "./compile.ts";
import { runModule } from "../interp/interp.ts";

const dir = path.join(process.cwd(), "build", "tsk-symbol-names-test");

let cases = 0;

/** Compile a program of several modules (written to disk: imports are resolved there). */
function compile(sources: Record<string, string>, root = "main.ts"): CompileResult & { file: (name: string) => string } {
  const caseDir = path.join(dir, `case-${cases++}`);
  const file = (name: string) => path.join(caseDir, name);
  rmSync(caseDir, { recursive: true, force: true });
  for (const [name, text] of Object.entries(sources)) {
    mkdirSync(path.dirname(file(name)), { recursive: true });
    writeFileSync(file(name), text);
  }
  return { ...compileKts({ roots: [file(root)] }), file };
}

/** `file:line:col` of the `nth` occurrence of `token` in `text` (1-based, as errors print). */
function positionIn(file: string, text: string, token: string, nth = 1): string {
  let at = -1;
  for (let i = 0; i < nth; i++) at = text.indexOf(token, at + 1);
  if (at < 0) throw new Error(`${token} not in ${file}`);
  const before = text.slice(0, at).split("\n");
  return `${file}:${before.length}:${before.at(-1)!.length + 1}`;
}

const program: Record<string, string> = {
  "vm/page.ts": `
let count: i32 = 1;
class Node { v: i32; next(): i32 { return this.v + 1; } }
function helper(): i32 { return 100 + count; }
export function vm_only(): i32 { const n = new Node(); n.v = helper(); return n.next(); }
export function init(): i32 { count++; return helper(); }
`,
  "net/page.ts": `
let count: i32 = 2;
class Node { v: i32; next(): i32 { return this.v + 2; } }
function helper(): i32 { return 200 + count; }
export function init(): i32 { const n = new Node(); n.v = helper(); return n.next(); }
`,
  "util.ts": `
function helper(): i32 { return 300; }
export function lookup(): i32 { return helper(); }
export function shared_name(): i32 { return 301; }
`,
  "main.ts": `
import { init as vmInit, vm_only } from "./vm/page.ts";
import { init as netInit } from "./net/page.ts";
import { lookup, shared_name as utilShared } from "./util.ts";
type F = () => i32;
function helper(): i32 { return 400; }
function shared_name(): i32 { return 401; }
const pointers: FixedArray<F, 2> = [helper, utilShared];
export function main(): i32 {
  put_i32(vmInit()); putc(32); put_i32(netInit()); putc(32); put_i32(vm_only()); putc(32); put_i32(lookup()); putc(32);
  put_i32(utilShared()); putc(32); put_i32(shared_name()); putc(32); put_i32(helper()); putc(32); put_i32(pointers[0]() + pointers[1]()); putc(10);
  return 0;
}
`,
};

describe("tsk symbols for names several modules define", () => {
  const r = compile(program);

  it("compiles, and every module reaches its own definitions", () => {
    expect(r.errors.map((e) => e.format())).toEqual([]);
    const run = runModule(r.module!);
    expect(new TextDecoder().decode(run.output)).toBe("102 204 103 300 301 401 400 701\n");
  });

  it("keeps a name defined once exactly as written, and qualifies the others by module", () => {
    const functions = new Map(r.module!.functions.map((f) => [f.name, f]));
    expect([...functions.keys()].sort()).toEqual([
      "Node.next.net.page", "Node.next.vm.page",
      "helper.main", "helper.net.page", "helper.util", "helper.vm.page",
      "init.net.page", "init.vm.page",
      "lookup", "main", "shared_name", "shared_name.main", "vm_only",
    ]);
    // The one exported definition of a name keeps it and stays global; private ones are local.
    expect(functions.get("shared_name")!.exported).toBe(true);
    expect(functions.get("shared_name.main")!.exported).toBe(false);
    expect(functions.get("init.vm.page")!.exported).toBe(true);
    const globals = r.module!.globals.map((g) => g.name).filter((n) => !n.startsWith("__str_")).sort();
    expect(globals).toEqual(["count.net.page", "count.vm.page", "pointers"]);
  });

  it("lets a `declare` keep the plain name beside module-private definitions of it", () => {
    const s = compile({
      "lib.ts": "function memzero(): i32 { return 1; }\nexport function libcall(): i32 { return memzero(); }\n",
      "main.ts": "import { libcall } from \"./lib.ts\";\ndeclare function memzero(): i32;\nexport function main(): i32 { return memzero() + libcall(); }\n",
    });
    expect(s.errors.map((e) => e.format())).toEqual([]);
    expect(s.module!.externs.map((e) => e.name)).toContain("memzero");
    expect(s.module!.functions.map((f) => f.name).sort()).toEqual(["libcall", "main", "memzero.lib"]);
  });

  it("refuses a `declare` of a name another module exports, naming both places", () => {
    const lib = "export function memzero(): i32 { return 1; }\n";
    const main = "import { libcall } from \"./lib.ts\";\ndeclare function memzero(): i32;\nexport function main(): i32 { return memzero(); }\n";
    const s = compile({ "lib.ts": lib, "main.ts": main.replace("import { libcall }", "import { memzero as z }") });
    expect(s.module).toBeUndefined();
    const msg = s.errors.map((e) => e.format()).join("\n");
    expect(msg).toContain(`${positionIn(s.file("main.ts"), main, "memzero")}: error:`);
    expect(msg).toContain(positionIn(s.file("lib.ts"), lib, "memzero"));
  });

  it("refuses a qualified symbol that meets a written one, naming both", () => {
    const b = "function helper(): i32 { return 1; }\nexport function fromB(): i32 { return helper(); }\n";
    const c = "export class helper { v: i32; b(): i32 { return this.v; } }\n";
    const main = "import { fromB } from \"./b.ts\";\nimport { helper as H } from \"./c.ts\";\nfunction helper(): i32 { return 2; }\nexport function main(): i32 { const h = new H(); return h.b() + fromB() + helper(); }\n";
    const s = compile({ "b.ts": b, "c.ts": c, "main.ts": main });
    expect(s.module).toBeUndefined();
    const msg = s.errors.map((e) => e.format()).join("\n");
    expect(msg).toContain("would both be the symbol 'helper.b'");
    expect(msg).toContain(positionIn(s.file("b.ts"), b, "helper"));
    expect(msg).toContain(positionIn(s.file("c.ts"), c, "b("));
  });

  it("refuses a second main (the entry point is called by that name)", () => {
    const lib = "function main(): i32 { return 1; }\nexport function other(): i32 { return main(); }\n";
    const main = "import { other } from \"./lib.ts\";\nfunction main(): i32 { return other(); }\n";
    const s = compile({ "lib.ts": lib, "main.ts": main });
    expect(s.module).toBeUndefined();
    const msg = s.errors.map((e) => e.format()).join("\n");
    expect(msg).toContain("the entry point must be the only function named main");
    expect(msg).toContain(positionIn(s.file("lib.ts"), lib, "main"));
    expect(msg).toContain(positionIn(s.file("main.ts"), main, "main"));
  });

  it("refuses two definitions one module gives the same symbol (a static and an instance method), naming both", () => {
    const main = "class Timer {\n  v: i32;\n  tick(): i32 { return this.v; }\n  static tick(): i32 { return 2; }\n}\nexport function main(): i32 { return Timer.tick(); }\n";
    const s = compile({ "main.ts": main });
    expect(s.module).toBeUndefined();
    const msg = s.errors.map((e) => e.format()).join("\n");
    expect(msg).toContain(`${positionIn(s.file("main.ts"), main, "tick", 2)}: error:`);
    expect(msg).toContain(`at ${positionIn(s.file("main.ts"), main, "tick", 1)}`);
    expect(msg).toContain("defined twice in this module");
  });
});
