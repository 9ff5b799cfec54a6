// Messages between the page (main thread) and the worker that runs the machine. The worker
// owns the Machine; the page owns the terminal and the controls. Only plain data crosses.

export interface BootRequest {
  type: "boot";
  kernel: ArrayBuffer;
  kernelName: string;
  modules: { string: string; data: ArrayBuffer }[];
  cpus: number;
  memoryMB: number;
  cmdline: string;
  seed?: number;
}

export type PageToWorker =
  | BootRequest
  | { type: "input"; bytes: Uint8Array }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "reset" };

export interface CpuSample {
  id: number;
  state: "running" | "halted" | "wait-sipi";
  eip: number;
  instructions: number;
  interrupts: number;
}

export interface StatsSample {
  /** Host time of the sample (performance.now() in the worker), for rates. */
  hostMs: number;
  cpus: CpuSample[];
  ipis: number[][];
  paused: boolean;
}

export type WorkerToPage =
  | { type: "serial"; bytes: Uint8Array }
  | { type: "stats"; stats: StatsSample }
  | { type: "booted"; cpus: number; memoryMB: number; kernelName: string }
  | { type: "exit"; text: string }
  | { type: "error"; message: string };
