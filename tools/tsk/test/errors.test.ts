// One program per construct outside KTS (errors/*.kts.ts). Each marks the offending line
// with `// <-` and names, in its header, the token the error must point at and words of the
// advice; the expected line:col is computed from the source text, not from the compiler.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compileMany, type CompileResult } from "../front/compile.ts";

const dir = path.join(process.cwd(), "tools", "tsk", "test", "errors");
const cases = readdirSync(dir).filter((f) => f.endsWith(".kts.ts")).sort().map((f) => {
  const file = path.join(dir, f);
  const text = readFileSync(file, "utf8");
  const lines = text.split("\n");
  const token = /^\/\/ expect-error-at: (.*)$/m.exec(text)?.[1];
  const message = /^\/\/ expect-message: (.*)$/m.exec(text)?.[1];
  const lineIndex = lines.findIndex((l) => l.endsWith("// <-"));
  const col = token !== undefined && lineIndex >= 0 ? lines[lineIndex]!.indexOf(token) + 1 : 0;
  return { name: path.basename(f, ".kts.ts"), file, token, message, line: lineIndex + 1, col };
});

let results: Map<string, CompileResult>;

describe("tsk rejects every construct outside KTS with file:line:col and advice", () => {
  beforeAll(() => {
    results = compileMany(cases.map((c) => c.file));
  });

  it("has one program per rejected construct, each well-formed", () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    for (const c of cases) {
      expect(c.token, `${c.name}: expect-error-at header`).toBeDefined();
      expect(c.message, `${c.name}: expect-message header`).toBeDefined();
      expect(c.col, `${c.name}: the token must be on the line marked // <-`).toBeGreaterThan(0);
    }
  });

  for (const c of cases) {
    it(c.name, () => {
      const r = results.get(c.file)!;
      const formatted = r.errors.map((e) => e.format());
      const want = `${c.file}:${c.line}:${c.col}: error: ...${c.message}...`;
      expect(r.module, `${c.name} compiled, but must be rejected with ${want}`).toBeUndefined();
      const hit = r.errors.some((e) => e.pos?.line === c.line && e.pos.col === c.col && e.pos.file === c.file && e.message.includes(c.message!));
      expect(hit, `${c.name}: expected ${want}\nactual:\n${formatted.join("\n")}`).toBe(true);
    });
  }
});
