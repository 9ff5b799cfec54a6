// A conformance program (corpus/NAME.kts.ts: KTS files end in .kts.ts so the host tsc, which
// has the DOM and ES libs, leaves them to tsk) and what it is expected to do. Expectations are written in the
// program's leading comments, never copied from a leg under test:
//   // @node               the program means the same in JavaScript: the Node shim's run is
//                          the expectation (when no output is written down)
//   //| text              one expected output line (reasoned out, or computed by a generator)
//   // expect-exit: N      main's return value (default 0)
//   // expect-trap: text   the program must stop on a trap whose reason contains `text`
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Expectation {
  output: string;
  /** main's return value, modulo 256 (what the debug-exit port can carry). */
  exit?: number;
  trap?: string;
}

export interface CorpusProgram {
  name: string;
  file: string;
  source: string;
  node: boolean;
  /** Written expectation, if the program has one. */
  written?: Expectation;
}

export function corpusDir(): string {
  return path.join(process.cwd(), "tools", "tsk", "test", "corpus");
}

export function parseProgram(file: string, source: string): CorpusProgram {
  const lines = source.split("\n");
  const header = lines.filter((l) => l.startsWith("//"));
  const out = header.filter((l) => l.startsWith("//|")).map((l) => l.slice(l.startsWith("//| ") ? 4 : 3) + "\n");
  const exitLine = header.find((l) => l.startsWith("// expect-exit:"));
  const trapLine = header.find((l) => l.startsWith("// expect-trap:"));
  const hasWritten = out.length > 0 || exitLine !== undefined || trapLine !== undefined;
  return {
    name: path.basename(file, ".kts.ts"),
    file,
    source,
    node: header.some((l) => l.trim() === "// @node"),
    written: hasWritten ? {
      output: out.join(""),
      exit: exitLine ? Number(exitLine.split(":")[1]) & 0xff : trapLine ? undefined : 0,
      trap: trapLine?.split(":").slice(1).join(":").trim(),
    } : undefined,
  };
}

export function loadCorpus(dir = corpusDir()): CorpusProgram[] {
  return readdirSync(dir).filter((f) => f.endsWith(".kts.ts")).sort().map((f) => {
    const file = path.join(dir, f);
    return parseProgram(file, readFileSync(file, "utf8"));
  });
}
