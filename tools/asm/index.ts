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
  /** Used in error messages. */
  filename: string;
}

export function assemble(source: string, options: AssembleOptions): Uint8Array {
  const asm = new Assembler(options.filename);
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
