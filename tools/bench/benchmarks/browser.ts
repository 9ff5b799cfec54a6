// The browser console (issue 9): what a page costs to download, and how long from page load
// to the guest's first serial line in the terminal.
//
// bundle: `make browser`'s page.js + worker.js + html/css (minified, without source maps and
//   without the default image).
// first line: test/platform/images/first-line.S booted by the page in Debian's Chromium;
//   time = performance.now() in the page (0 = navigation start) when the terminal first shows
//   the line: fetching the bundle and the image, starting the worker, booting the machine.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildWeb } from "../../../boot/browser/build.ts";
import { serveDirectory } from "../../../boot/browser/serve.ts";
import { launchChromium } from "../../../test/browser/chromium.ts";
import { buildPlatformImage } from "../../../test/platform/images/build.ts";
import { repoRoot } from "../../../test/reference/repo-root.ts";
import type { Benchmark, BenchmarkContext, BenchmarkResult, Measurement } from "../benchmark.ts";

export const browser: Benchmark = {
  name: "browser",
  description: "browser console bundle size and page load to first serial line (Chromium)",
  async run(ctx: BenchmarkContext): Promise<BenchmarkResult> {
    buildPlatformImage("first-line");
    const dir = mkdtempSync(path.join(tmpdir(), "damselfly-web-bench-"));
    const measurements: Measurement[] = [];
    const notes: string[] = [];
    const chrome = await launchChromium();
    const { server, url } = await serveDirectory(dir, 0);
    try {
      const web = await buildWeb(dir, path.join(repoRoot(), "build", "platform", "first-line.elf"));
      measurements.push({ subject: "bundle", value: web.bytes.total / 1024, unit: "KiB", lowerIsBetter: true, note: `page.js ${web.bytes.page} B, worker.js ${web.bytes.worker} B` });
      const rounds = ctx.quick ? 1 : 3;
      let best = Infinity;
      for (let round = 1; round <= rounds; round++) {
        ctx.progress(`browser: page load to first line, round ${round} of ${rounds} ...`);
        const page = await chrome.newPage();
        await page.goto(`${url}?smp=1&seed=1`);
        await page.waitForFunction(() => (window as unknown as { damselflyTerminalText?: () => string }).damselflyTerminalText?.().includes("first line") ?? false, null, { polling: 5, timeout: 60_000 });
        const ms = await page.evaluate(() => performance.now());
        best = Math.min(best, ms);
        await page.close();
      }
      measurements.push({ subject: "page load to first line", value: best, unit: "ms", lowerIsBetter: true, note: `best of ${rounds}, 1 CPU, cache off` });
      notes.push("served from 127.0.0.1 with caching off; times include fetching the bundle and the image");
    } finally {
      await chrome.close();
      await new Promise((r) => server.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
    return { measurements, ratios: [], notes };
  },
};
