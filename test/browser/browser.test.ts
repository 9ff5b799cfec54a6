// The browser console, end to end: the page is bundled and served on 127.0.0.1, Debian's
// Chromium (driven by playwright-core, no browser download) boots a 4-CPU image in the
// worker, and the test reads the terminal, types a line the guest echoes, checks the live
// panel, and saves a screenshot under test-artifacts/.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWeb } from "../../boot/browser/build.ts";
import { serveDirectory } from "../../boot/browser/serve.ts";
import { buildPlatformImage } from "../platform/images/build.ts";
import { repoRoot } from "../reference/repo-root.ts";
import { launchChromium } from "./chromium.ts";

let browser: Browser;
let server: Server;
let url: string;
let webDir: string;

const terminalText = (page: Page) => page.evaluate(() => (window as unknown as { damselflyTerminalText: () => string }).damselflyTerminalText());

async function waitForTerminal(page: Page, needle: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let text = "";
  while (Date.now() < deadline) {
    text = await terminalText(page);
    if (text.includes(needle)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`the terminal never showed ${JSON.stringify(needle)}; it shows:\n${text}`);
}

beforeAll(async () => {
  webDir = mkdtempSync(path.join(tmpdir(), "damselfly-web-"));
  const demo = path.join(webDir, "demo-image.elf");
  writeFileSync(demo, buildPlatformImage("demo"));
  await buildWeb(webDir, demo);
  writeFileSync(path.join(webDir, "not-an-elf.bin"), "this is not a kernel\n");
  ({ server, url } = await serveDirectory(webDir, 0));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  rmSync(webDir, { recursive: true, force: true });
});

describe("browser console", () => {
  it("boots a 4-CPU image, echoes typed input, and shows four CPUs and IPI traffic", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(`${url}?smp=4&seed=7`);

    const greeting = await waitForTerminal(page, "CPUs are up", 90_000);
    expect(greeting).toContain("All 4 CPUs are up");
    for (let cpu = 1; cpu < 4; cpu++) expect(greeting).toMatch(new RegExp(`Hello from CPU \\d+ \\(application processor`));

    await page.locator("#terminal").click();
    await page.keyboard.type("damselfly in a page");
    await waitForTerminal(page, "damselfly in a page", 30_000);

    await expect.poll(() => page.locator("tr.cpu-row").count(), { timeout: 10_000 }).toBe(4);
    const ipis = Number(await page.locator("#ipi-total").textContent());
    expect(ipis, "IPIs counted in the panel (INIT/SIPI/SIPI to three APs at least)").toBeGreaterThanOrEqual(9);

    const artefacts = path.join(repoRoot(), "test-artifacts");
    mkdirSync(artefacts, { recursive: true });
    await page.screenshot({ path: path.join(artefacts, "browser-console.png") });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("says in the page, not in a stack trace, why a file that is not a kernel cannot boot", async () => {
    const page = await browser.newPage();
    await page.goto(`${url}?kernel=not-an-elf.bin&smp=1`);
    const error = page.locator("#error");
    await expect.poll(async () => (await error.isVisible()) ? await error.textContent() : "", { timeout: 30_000 }).toMatch(/cannot boot not-an-elf\.bin: .+/);
    await page.close();
  });

  it("says which address parameter is wrong", async () => {
    const page = await browser.newPage();
    await page.goto(`${url}?smp=99`);
    await expect.poll(async () => await page.locator("#error").textContent(), { timeout: 30_000 }).toContain("smp=99 is not allowed");
    await page.close();
  });
});
