// Helpers for the device unit tests: a LAPIC's CPU pins that record what happened to them.
import type { LapicCpuPins } from "./lapic.ts";

export class RecordingPins implements LapicCpuPins {
  readonly events: string[] = [];
  wakes = 0;
  wake(): void {
    this.wakes++;
  }
  nmi(): void {
    this.events.push("nmi");
  }
  init(): void {
    this.events.push("init");
  }
  sipi(vector: number): void {
    this.events.push(`sipi 0x${vector.toString(16)}`);
  }
}
