// `tsk --run-node`: the same KTS source run as JavaScript. esbuild strips the types and
// bundles the program's imports; the bundle runs in a fresh V8 context whose globals are the
// JavaScript meaning of lib.kts.d.ts (prelude.ts), and its exported main() is called.
import { build } from "esbuild";
import path from "node:path";
import vm from "node:vm";
import { shimGlobals, type ShimOutput } from "./prelude.ts";

export interface NodeRunResult {
  output: Uint8Array;
  /** main()'s result as a number, if it returned one. */
  exitValue?: number | bigint;
  /** Set when the JavaScript threw (the KTS program has no such outcome). */
  error?: string;
}

/** Bundle `file` (and its imports) into one script that leaves `main` in `__kts_main`. */
export async function bundleForNode(file: string): Promise<string> {
  const abs = path.resolve(file);
  const result = await build({
    stdin: { contents: `import { main } from ${JSON.stringify(abs)};\nglobalThis.__kts_main = main;\n`, resolveDir: path.dirname(abs), loader: "ts" },
    bundle: true, write: false, format: "iife", platform: "neutral", target: "es2022", logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export function runBundle(code: string, fileName = "program.js"): NodeRunResult {
  const out: ShimOutput = { bytes: [] };
  const context = vm.createContext(shimGlobals(out));
  try {
    vm.runInContext(code, context, { filename: fileName });
    const main = (context as { __kts_main?: () => unknown }).__kts_main;
    if (typeof main !== "function") return { output: Uint8Array.from(out.bytes), error: "the program exports no main()" };
    const v = main();
    return { output: Uint8Array.from(out.bytes), exitValue: typeof v === "number" || typeof v === "bigint" ? v : undefined };
  } catch (e) {
    return { output: Uint8Array.from(out.bytes), error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export async function runNode(file: string): Promise<NodeRunResult> {
  return runBundle(await bundleForNode(file), file);
}
