// The one exception type the linker throws for anything the user can cause: bad objects,
// unresolved or duplicate symbols, script mistakes. Each entry of `problems` is one
// self-contained line in the words GNU ld uses, so `tsk-ld` prints them as they are.
export class LinkError extends Error {
  readonly problems: string[];

  constructor(problems: string | string[]) {
    const list = typeof problems === "string" ? [problems] : problems;
    super(list.join("\n"));
    this.name = "LinkError";
    this.problems = list;
  }
}

/** "0x1f" — how GNU ld prints section offsets in messages. */
export const hex = (n: number): string => `0x${(n >>> 0).toString(16)}`;

/** "0x00100000" — how GNU ld prints addresses in map files. */
export const hex8 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;
