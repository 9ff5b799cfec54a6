// Thread ids: each CPU is a thread, CPU index i showing as thread i+1 (thread 0 means "any"
// and -1 "all" in the protocol). With the multiprocess extension (negotiated in qSupported,
// as QEMU does) ids are written `p1.N`: one process, the machine, whose threads are its CPUs.

export type ThreadSel = { kind: "any" } | { kind: "all" } | { kind: "cpu"; cpu: number };

/** The process id the machine shows under the multiprocess extension. */
const PID = 1;

function parseId(text: string): number | "all" | undefined {
  if (text === "-1") return "all";
  if (!/^[0-9a-fA-F]{1,8}$/.test(text)) return undefined;
  return parseInt(text, 16);
}

/** Parse a thread id in either form; undefined when malformed or not a thread of ours. */
export function parseThread(text: string, cpuCount: number): ThreadSel | undefined {
  let tidText = text;
  if (text.startsWith("p")) {
    const dot = text.indexOf(".");
    const pid = parseId(dot < 0 ? text.slice(1) : text.slice(1, dot));
    if (pid === undefined || (pid !== "all" && pid !== 0 && pid !== PID)) return undefined;
    // `pPID` alone means every thread of that process.
    tidText = dot < 0 ? "-1" : text.slice(dot + 1);
  }
  const tid = parseId(tidText);
  if (tid === undefined) return undefined;
  if (tid === "all") return { kind: "all" };
  if (tid === 0) return { kind: "any" };
  if (tid > cpuCount) return undefined;
  return { kind: "cpu", cpu: tid - 1 };
}

/** The id gdb should see for CPU index `cpu`. */
export function formatThread(cpu: number, multiprocess: boolean): string {
  const tid = (cpu + 1).toString(16).padStart(2, "0");
  return multiprocess ? `p${PID.toString(16).padStart(2, "0")}.${tid}` : tid;
}
