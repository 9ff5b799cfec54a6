// What a benchmark is: something that measures a few subjects (our machine and the references
// it is compared with) in one run and states the ratios that matter.

export interface Measurement {
  /** Who was measured, e.g. "damselfly", "v86 (jit)". */
  subject: string;
  value: number;
  /** Unit of `value`, e.g. "guest MIPS". Higher is better unless `lowerIsBetter`. */
  unit: string;
  lowerIsBetter?: boolean;
  /** Free text shown beside the number (run length, instruction count ...). */
  note?: string;
}

export interface Ratio {
  /** Subject whose value is divided ... */
  subject: string;
  /** ... by this reference's value, measured in the same run. */
  reference: string;
  /** The target for subject/reference, if the project has one (e.g. 1.5). */
  goal?: number;
}

export interface BenchmarkResult {
  measurements: Measurement[];
  ratios: Ratio[];
  /** Lines printed under the table (method, caveats). */
  notes?: string[];
}

export interface BenchmarkContext {
  /** Print a progress line (to stderr, so results stay clean on stdout). */
  progress(text: string): void;
  /** `--quick`: shorter runs for checking that a benchmark works at all. */
  quick: boolean;
}

export interface Benchmark {
  /** Short name used on the command line (`make bench ONLY=cpubench`). */
  name: string;
  /** One line: what it measures. */
  description: string;
  run(ctx: BenchmarkContext): Promise<BenchmarkResult>;
}
