// Errors the user can cause: a position in their source and a sentence saying what to write.
import { positionOf, type Node, type Position } from "./ts-adapter.ts";

export class KtsError extends Error {
  constructor(readonly pos: Position | undefined, message: string) {
    super(message);
  }

  /** `file:line:col: error: message`, the form editors and the CLI print. */
  format(): string {
    return this.pos ? `${this.pos.file}:${this.pos.line}:${this.pos.col}: error: ${this.message}` : `error: ${this.message}`;
  }
}

export function errorAt(node: Node, message: string): KtsError {
  return new KtsError(positionOf(node), message);
}

/** Throwing form, so lowering code reads `if (bad) fail(node, "...")`. */
export function fail(node: Node, message: string): never {
  throw errorAt(node, message);
}
