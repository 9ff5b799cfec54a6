// The legs a conformance program runs on. Each leg turns a program into an outcome; the
// runner (corpus.test.ts) compares every applicable leg with the program's expectation.
// To add a leg (x86 on our machine, x86 on QEMU), append it to CORPUS_LEGS.
import type { KbcModule } from "../kbc/types.ts";
import { runModule } from "../interp/interp.ts";
import { bundleForNode, runBundle } from "../node/shim.ts";
import type { CorpusProgram } from "./corpus-program.ts";
import { x86DamselflyLeg, x86QemuLeg } from "../x86/test/corpus-x86-legs.ts";

export interface LegOutcome {
  output: string;
  /** main's return value modulo 256; undefined when it did not return. */
  exit?: number;
  /** Set when the program stopped on a trap (the reason, as far as the leg can tell). */
  trap?: string;
  /** The leg itself failed (could not build or run the program). */
  error?: string;
}

/** What the runner prepares once per test file and every leg may use. */
export interface CorpusShared {
  /** The program compiled to KBC (compiled once, with one TypeScript program for the corpus). */
  module(p: CorpusProgram): KbcModule;
}

export interface CorpusLeg {
  name: string;
  applies(p: CorpusProgram): boolean;
  run(p: CorpusProgram, shared: CorpusShared): Promise<LegOutcome>;
}

const decoder = new TextDecoder();

export const kbcInterpreterLeg: CorpusLeg = {
  name: "kbc-interpreter",
  applies: () => true,
  async run(p, shared) {
    const r = runModule(shared.module(p));
    return {
      output: decoder.decode(r.output),
      exit: r.exitValue === undefined ? undefined : Number(BigInt.asUintN(8, BigInt(r.exitValue))),
      trap: r.trap?.reason,
    };
  },
};

export const nodeShimLeg: CorpusLeg = {
  name: "node-shim",
  applies: (p) => p.node,
  async run(p) {
    const r = runBundle(await bundleForNode(p.file), p.file);
    if (r.error) return { output: decoder.decode(r.output), error: r.error };
    return { output: decoder.decode(r.output), exit: r.exitValue === undefined ? undefined : Number(BigInt.asUintN(8, BigInt(r.exitValue))) };
  },
};

export const CORPUS_LEGS: CorpusLeg[] = [kbcInterpreterLeg, nodeShimLeg, x86QemuLeg, x86DamselflyLeg];
