// The CPU package's entry point: the factory the machine uses to build its CPUs.

import type { Bus } from "../bus/bus.ts";
import { Cpu } from "./cpu.ts";
import type { CpuCore, CpuFactory, CpuHost } from "./interface.ts";

export const createCpu: CpuFactory = (id: number, bus: Bus, host: CpuHost): CpuCore => new Cpu(id, bus, host);

export { Cpu };
export * from "./interface.ts";
