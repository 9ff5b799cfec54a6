// Starting Debian's Chromium under playwright-core (no browser download), for the browser test
// and the browser benchmark.
import { chromium, type Browser } from "playwright-core";
import { requireTool } from "../host-tools.ts";

// Headless on a machine with no network and no GPU, running as root: without the
// background-networking flags Chromium keeps trying to reach Google's hosts.
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireTool("chromium"), args: CHROMIUM_ARGS, timeout: 60_000 });
}
