// tsk-as as a library: assemble GNU as (AT&T, 32-bit x86) source into an ELF32 object.
//
//   import { assemble, AsmError } from "../asm/index.ts";
//   const object: Uint8Array = assemble(text, { filename: "entry.S" });
//
// Bad input throws an AsmError (file, line, column, detail); `message` is the whole
// `file:line:col: error: detail` sentence.

import { Assembler } from "./assembler.ts";
import { AsmError } from "./errors.ts";
import { writeObject } from "./object-file.ts";

export { AsmError } from "./errors.ts";

export interface AssembleOptions {
  /** Used in error messages (and, with `debug`, as the source file in the line table). */
  filename: string;
  /** Like GNU as -g: DWARF line information for the assembly source itself. */
  debug?: boolean;
  /** The compilation directory recorded with line information (default: the current one). */
  compDir?: string;
  /** Reads `.include`d files: the path to record and the text, or undefined if there is none. */
  include?: (name: string) => { path: string; text: string } | undefined;
}

export function assemble(source: string, options: AssembleOptions): Uint8Array {
  const asm = new Assembler(options.filename, { debug: options.debug, compDir: options.compDir ?? process.cwd(), include: options.include });
  try {
    asm.run(source);
    return writeObject(asm);
  } catch (e) {
    if (e instanceof AsmError) throw e;
    // An internal failure still names the input, never just a host stack trace.
    const detail = e instanceof Error ? e.message : String(e);
    throw new AsmError(options.filename, { line: 1, column: 1 }, `internal assembler error: ${detail}`);
  }
}
