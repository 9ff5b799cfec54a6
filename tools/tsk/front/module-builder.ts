// Module-wide state shared by every function's lowering: interned string literals, the
// externs that calls reach, and the globals list the compiler fills.
import type { KbcExtern, KbcGlobal, Signature } from "../kbc/types.ts";

export class ModuleBuilder {
  readonly globals: KbcGlobal[] = [];
  readonly externs = new Map<string, KbcExtern>();
  private readonly strings = new Map<string, string>();

  /** The read-only global holding `text` as a NUL-terminated UTF-8 C string. */
  stringGlobal(text: string): string {
    let name = this.strings.get(text);
    if (name) return name;
    name = `__str_${this.strings.size}`;
    this.strings.set(text, name);
    const bytes = new TextEncoder().encode(text + "\0");
    this.globals.push({ name, exported: false, size: bytes.length, align: 1, data: bytes, relocs: [], readonly: true, percpu: false });
    return name;
  }

  useExtern(name: string, sig: Signature): void {
    if (!this.externs.has(name)) this.externs.set(name, { name, sig });
  }
}
