// Parsing KTAP version 1 as the kernel's selftests print it (kernel/test/selftest.ts):
// a "KTAP version 1" header, a plan "1..N", then "ok n name" / "not ok n name # reason".

export interface KtapCase {
  number: number;
  name: string;
  ok: boolean;
  /** The text after " # " on the line (why a test failed), if any. */
  reason: string;
  /** "ok N name # SKIP why": the kernel declined to run the test (e.g. it needs 2 CPUs). */
  skipped: boolean;
}

export interface KtapReport {
  version: boolean;
  /** The plan's N, or undefined when no plan line was printed. */
  plan: number | undefined;
  cases: KtapCase[];
}

export function parseKtap(serial: string): KtapReport {
  const report: KtapReport = { version: false, plan: undefined, cases: [] };
  for (const raw of serial.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line === "KTAP version 1") report.version = true;
    let m = /^1\.\.(\d+)$/.exec(line);
    if (m) { report.plan = Number(m[1]); continue; }
    m = /^(not ok|ok) (\d+) ([^#]*?)(?: # (.*))?$/.exec(line);
    if (m) report.cases.push({ ok: m[1] === "ok", number: Number(m[2]), name: m[3]!.trim(), reason: m[4] ?? "", skipped: /^SKIP\b/i.test(m[4] ?? "") });
  }
  return report;
}
