// Runs our machine in a worker thread for runOnDamselfly({ isolate: true }): if a CPU bug
// makes the interpreter spin without returning, the caller can still terminate the worker.
import { parentPort, workerData } from "node:worker_threads";
import { runOnDamselfly, type DamselflyOptions } from "./damselfly.ts";

const { image, options } = workerData as { image: Uint8Array; options: DamselflyOptions };
const result = await runOnDamselfly(image, { ...options, isolate: false });
parentPort?.postMessage(result);
