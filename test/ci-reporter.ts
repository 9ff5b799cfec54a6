// In CI, a skipped or todo test is a failure: it usually means a tool was missing.
import type { Reporter, TestModule } from "vitest/node";

export default class CiNoSkipReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const skipped: string[] = [];
    for (const mod of testModules) {
      for (const t of mod.children.allTests()) {
        if (t.result().state === "skipped") skipped.push(`${mod.moduleId}: ${t.fullName}`);
      }
    }
    if (skipped.length > 0) {
      console.error(`\nCI: ${skipped.length} test(s) skipped; CI counts a skip as a failure:`);
      for (const s of skipped) console.error(`  - ${s}`);
      process.exitCode = 1;
    }
  }
}
