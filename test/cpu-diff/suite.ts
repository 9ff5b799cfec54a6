// The fixed set of generated images every CI run checks. CPU_DIFF_SEED=n shifts all seeds to
// explore other cases locally (a failure prints its seed and case, so it can be replayed).
import { generateCases, type TestCase } from "./cases.ts";

export interface DiffImageSpec {
  seed: number;
  cases: number;
}

const BASE_SEED = Number(process.env.CPU_DIFF_SEED ?? 0) >>> 0;

/** Four images of 600 cases: 2,400 cases per run, each image a few million instructions. */
export const DIFF_IMAGES: readonly DiffImageSpec[] = [1, 2, 3, 4].map((n) => ({ seed: (BASE_SEED + n) >>> 0, cases: 600 }));

export function casesForImage(spec: DiffImageSpec): TestCase[] {
  return generateCases(spec.seed, spec.cases);
}
