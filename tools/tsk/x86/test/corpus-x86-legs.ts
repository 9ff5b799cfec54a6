// The x86 legs of the conformance corpus: every program compiled by the backend into a bare
// Multiboot image and run on qemu-system-i386 and on our machine. To keep the corpus quick,
// programs are batched: each one's names get a prefix, all of them are linked into one
// image whose driver calls every program's main in turn between markers, and one boot per
// judge runs the lot. Programs expected to trap, and any program the batch did not finish
// (a trap ends an image), run in an image of their own.
import type { RunResult } from "../../../../test/reference/run-result.ts";
import { buildBareImage, type AsmUnit } from "../../runtime/bare-image.ts";
import type { CorpusLeg, CorpusShared, LegOutcome } from "../../test/corpus-legs.ts";
import { loadCorpus, type CorpusProgram } from "../../test/corpus-program.ts";
import { generateAsm } from "../index.ts";
import { renameModule } from "./rename-module.ts";
import { runImageOn, type Judge } from "./run-kbc.ts";

/** Marker bytes the corpus programs never print: STX <index> ETX, STX = <exit> ETX. */
const STX = "\x02";
const ETX = "\x03";
/** What the bare runtime's trap report looks like, and the exit value it leaves with. */
const TRAP_LINE = /trap: ([^\n]*)\n$/;
const TRAP_EXIT_STATUS = (70 << 1) | 1;

const expectsTrap = (p: CorpusProgram): boolean => p.written?.trap !== undefined;

function programUnit(p: CorpusProgram, shared: CorpusShared, prefix: string): AsmUnit {
  return { name: `${p.name}.s`, text: generateAsm(renameModule(shared.module(p), prefix), { profile: "bare" }) };
}

/** The driver: for program k, print STX k ETX, call its main, print STX = result ETX. */
function driverUnit(count: number): AsmUnit {
  const lines = ["    .text", "    .globl main", "    .type main, @function", "main:", "    pushl %ebp", "    movl %esp, %ebp"];
  const strings: string[] = ["    .section .rodata", `batch_exit_mark:`, `    .asciz "\\002="`, `batch_end_mark:`, `    .asciz "\\003"`];
  for (let k = 0; k < count; k++) {
    strings.push(`batch_begin_${k}:`, `    .asciz "\\002${k}\\003"`);
    lines.push(
      `    pushl $batch_begin_${k}`, "    call puts", "    addl $4, %esp",
      `    call p${k}_main`,
      "    pushl %eax", "    pushl $batch_exit_mark", "    call puts", "    addl $4, %esp",
      "    call put_i32", "    addl $4, %esp", "    pushl $batch_end_mark", "    call puts", "    addl $4, %esp",
    );
  }
  lines.push("    xorl %eax, %eax", "    leave", "    ret", "    .size main, . - main");
  return { name: "corpus-driver.s", text: [...lines, ...strings].join("\n") + "\n" };
}

interface Batch {
  image: Uint8Array;
  members: CorpusProgram[];
}

let batch: Batch | undefined;

function buildBatch(shared: CorpusShared): Batch {
  const members: CorpusProgram[] = [];
  const units: AsmUnit[] = [];
  for (const p of loadCorpus()) {
    if (expectsTrap(p)) continue;
    let unit: AsmUnit;
    try {
      unit = programUnit(p, shared, `p${members.length}_`);
    } catch {
      continue; // reported when the program's own test asks for it
    }
    members.push(p);
    units.push(unit);
  }
  return { image: buildBareImage([driverUnit(members.length), ...units]), members };
}

/** Split a batch run's serial output into one outcome per finished program. */
function splitBatch(members: CorpusProgram[], serial: string): Map<string, LegOutcome> {
  const outcomes = new Map<string, LegOutcome>();
  const pattern = new RegExp(`${STX}(\\d+)${ETX}([^${STX}]*)${STX}=(-?\\d+)${ETX}`, "g");
  for (const m of serial.matchAll(pattern)) {
    const p = members[Number(m[1])];
    if (p !== undefined) outcomes.set(p.file, { output: m[2]!, exit: Number(m[3]) & 0xff });
  }
  return outcomes;
}

/** The outcome of a program run alone: a trap shows as the runtime's report and status 141. */
function outcomeOf(run: RunResult, judge: Judge): LegOutcome {
  if (run.timedOut) return { output: run.serial, error: `timed out on ${judge}` };
  const trap = TRAP_LINE.exec(run.serial);
  if (run.exitStatus === TRAP_EXIT_STATUS && trap !== null) return { output: run.serial.slice(0, trap.index), trap: trap[1] };
  if (run.exitStatus === undefined || (run.exitStatus & 1) === 0) {
    return { output: run.serial, error: `no debug-exit on ${judge} (status ${run.exitStatus}) ${run.diagnostics}` };
  }
  return { output: run.serial, exit: (run.exitStatus >>> 1) & 0xff };
}

class X86Leg implements CorpusLeg {
  private outcomes: Map<string, LegOutcome> | undefined;
  constructor(readonly name: string, private readonly judge: Judge) {}

  applies(): boolean {
    return true;
  }

  async run(p: CorpusProgram, shared: CorpusShared): Promise<LegOutcome> {
    if (!expectsTrap(p)) {
      if (this.outcomes === undefined) {
        batch ??= buildBatch(shared);
        const run = await runImageOn(this.judge, batch.image, 120_000);
        this.outcomes = splitBatch(batch.members, run.serial);
      }
      const found = this.outcomes.get(p.file);
      if (found !== undefined) return found;
    }
    try {
      const image = buildBareImage([programUnit(p, shared, "")]);
      return outcomeOf(await runImageOn(this.judge, image, 30_000), this.judge);
    } catch (e) {
      return { output: "", error: (e as Error).message };
    }
  }
}

export const x86QemuLeg: CorpusLeg = new X86Leg("x86-qemu", "qemu");
export const x86DamselflyLeg: CorpusLeg = new X86Leg("x86-damselfly", "damselfly");
