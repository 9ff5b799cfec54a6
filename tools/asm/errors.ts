// The one error type the assembler throws: a position in the source and a sentence.
// The command line prints it as `file:line:col: error: message`, the GNU as convention.

export interface SourcePos {
  line: number; // 1-based
  column: number; // 1-based
  /** Set for text from an included file; otherwise the assembler's main file. */
  file?: string;
}

export class AsmError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly detail: string;

  constructor(file: string, pos: SourcePos, detail: string) {
    const where = pos.file ?? file;
    super(`${where}:${pos.line}:${pos.column}: error: ${detail}`);
    this.name = "AsmError";
    this.file = where;
    this.line = pos.line;
    this.column = pos.column;
    this.detail = detail;
  }
}
