// Host CPU clocks for timing a judge on a shared machine. Wall time counts every moment the
// emulator's thread sat in the run queue behind other people's work; on a 2-core host with a
// load of 8 that is most of the time, and two runs of the same image differ by 5x. CPU time
// counts only what the emulator itself consumed, so it stays comparable under load.
//
// Read at every COM1 newline (tens of times per run), so it must be cheap: one small
// /proc read and process.cpuUsage().
import { readFileSync } from "node:fs";

export interface HostCpuSample {
  /** CPU time of the whole process, all threads (V8's compiler and GC helpers included), ms. */
  processMs: number;
  /** CPU time of the calling thread alone (Linux), ms. */
  threadMs?: number;
  /** Time the calling thread was runnable but waiting for a CPU (Linux), ms: the host's load as felt by this run. */
  threadWaitMs?: number;
}

/** Linux: "<on-cpu ns> <run-queue wait ns> <timeslices>" of the current thread. */
const SCHEDSTAT = "/proc/thread-self/schedstat";
let schedstatWorks = true;

export function sampleHostCpu(): HostCpuSample {
  const u = process.cpuUsage();
  const sample: HostCpuSample = { processMs: (u.user + u.system) / 1000 };
  if (schedstatWorks) {
    try {
      const [run, wait] = readFileSync(SCHEDSTAT, "latin1").split(" ").map(Number);
      if (Number.isFinite(run) && Number.isFinite(wait)) {
        sample.threadMs = run! / 1e6;
        sample.threadWaitMs = wait! / 1e6;
      } else schedstatWorks = false;
    } catch {
      schedstatWorks = false; // not Linux, or schedstats compiled out: process time only
    }
  }
  return sample;
}
