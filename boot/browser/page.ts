// The page: an xterm.js terminal wired to COM1 of a machine running in a Web Worker, boot
// choices (address parameters, file picker, drag and drop), controls, and the live CPU panel.
import { Terminal } from "@xterm/xterm";
import { FitAddon } from "@xterm/addon-fit";
import { parseBootParams, type BootParams } from "./boot-params.ts";
import { CpuPanel } from "./panel.ts";
import type { BootRequest, PageToWorker, WorkerToPage } from "./protocol.ts";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const statusLine = $<HTMLSpanElement>("status");
const errorBox = $<HTMLDivElement>("error");
const pauseButton = $<HTMLButtonElement>("pause");
const resetButton = $<HTMLButtonElement>("reset");
const smpInput = $<HTMLInputElement>("smp");
const memInput = $<HTMLInputElement>("mem");
const fileInput = $<HTMLInputElement>("file");
const panel = new CpuPanel($<HTMLTableSectionElement>("cpu-body"), $<HTMLTableElement>("ipi-matrix"), $("ipi-total"));

// convertEol: a lone LF starts a new line at column 0, as on QEMU's serial console (its stdio
// backend keeps the host tty's output processing); input bytes are never translated.
const term = new Terminal({ convertEol: true, scrollback: 5000, fontSize: 14 });
const fit = new FitAddon();
term.loadAddon(fit);
term.open($("terminal"));
fit.fit();
window.addEventListener("resize", () => fit.fit());

const worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
const send = (m: PageToWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);

// Raw bytes both ways: what is typed goes to the UART as is (no local echo, Enter is CR).
const encoder = new TextEncoder();
term.onData((data) => send({ type: "input", bytes: encoder.encode(data) }));
term.onBinary((data) => send({ type: "input", bytes: Uint8Array.from(data, (c) => c.charCodeAt(0) & 0xff) }));

// Output is written to the terminal once per animation frame, however many messages arrived.
const serialLog: Uint8Array[] = [];
let pendingWrites: Uint8Array[] = [];
function queueWrite(bytes: Uint8Array): void {
  serialLog.push(bytes);
  if (pendingWrites.length === 0) requestAnimationFrame(drainWrites);
  pendingWrites.push(bytes);
}
function drainWrites(): void {
  const chunks = pendingWrites;
  pendingWrites = [];
  const total = chunks.reduce((n, c) => n + c.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  term.write(all);
}

function showError(message: string | undefined): void {
  errorBox.hidden = message === undefined;
  errorBox.textContent = message ?? "";
}

let paused = false;
worker.onmessage = (ev: MessageEvent<WorkerToPage>) => {
  const m = ev.data;
  switch (m.type) {
    case "serial":
      queueWrite(m.bytes);
      break;
    case "stats":
      panel.update(m.stats);
      break;
    case "booted":
      statusLine.textContent = `running ${m.kernelName} on ${m.cpus} CPU${m.cpus === 1 ? "" : "s"}, ${m.memoryMB} MiB`;
      pauseButton.disabled = false;
      resetButton.disabled = false;
      paused = false;
      pauseButton.textContent = "Pause";
      break;
    case "exit":
      statusLine.textContent = m.text.split("\n")[0]!;
      if (m.text.includes("\n")) showError(m.text);
      pauseButton.disabled = true;
      break;
    case "error":
      statusLine.textContent = "not running";
      showError(m.message);
      break;
  }
};
worker.onerror = (e) => showError(`the machine's worker failed: ${e.message}`);

async function fetchBytes(url: string, what: string): Promise<ArrayBuffer> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new Error(`could not fetch the ${what} ${url}: ${String(e)}`);
  }
  if (!response.ok) throw new Error(`could not fetch the ${what} ${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

function bootImage(kernel: ArrayBuffer, kernelName: string, modules: BootRequest["modules"], p: Pick<BootParams, "cmdline" | "seed">, notes: string[] = []): void {
  // Address parameters that were ignored stay on show: the boot used defaults instead.
  showError(notes.length > 0 ? notes.join("\n") : undefined);
  term.reset();
  panel.clear();
  serialLog.length = 0;
  const cpus = Number(smpInput.value);
  const memoryMB = Number(memInput.value);
  if (!Number.isInteger(cpus) || cpus < 1 || cpus > 16) return showError("CPUs: give a whole number from 1 to 16");
  if (!Number.isInteger(memoryMB) || memoryMB < 2 || memoryMB > 2048) return showError("Memory: give a whole number of MiB from 2 to 2048");
  statusLine.textContent = `booting ${kernelName}…`;
  const req: BootRequest = { type: "boot", kernel, kernelName, modules, cpus, memoryMB, cmdline: p.cmdline, seed: p.seed };
  send(req, [kernel, ...modules.map((x) => x.data)]);
}

const { params, errors } = parseBootParams(location.search);
smpInput.value = String(params.cpus);
memInput.value = String(params.memoryMB);

async function bootFromAddress(): Promise<void> {
  try {
    const kernel = await fetchBytes(params.kernel, "kernel");
    const modules = await Promise.all(params.initrd.map(async (url) => ({ string: url.split("/").pop() ?? url, data: await fetchBytes(url, "module") })));
    bootImage(kernel, params.kernel.split("/").pop() ?? params.kernel, modules, params, errors);
  } catch (e) {
    statusLine.textContent = "not running";
    showError([...errors, e instanceof Error ? e.message : String(e)].join("\n"));
  }
}

async function bootFile(file: File): Promise<void> {
  bootImage(await file.arrayBuffer(), file.name, [], params);
}

pauseButton.onclick = () => {
  paused = !paused;
  send({ type: paused ? "pause" : "resume" });
  pauseButton.textContent = paused ? "Resume" : "Pause";
  statusLine.textContent = paused ? "paused" : statusLine.textContent.replace(/^paused$/, "running");
};
resetButton.onclick = () => {
  term.reset();
  panel.clear();
  send({ type: "reset" });
};
$<HTMLButtonElement>("boot").onclick = () => {
  const f = fileInput.files?.[0];
  if (f !== undefined) void bootFile(f);
  else void bootFromAddress();
};
fileInput.onchange = () => {
  const f = fileInput.files?.[0];
  if (f !== undefined) void bootFile(f);
};
document.body.addEventListener("dragover", (e) => {
  e.preventDefault();
  document.body.classList.add("dragging");
});
document.body.addEventListener("dragleave", () => document.body.classList.remove("dragging"));
document.body.addEventListener("drop", (e) => {
  e.preventDefault();
  document.body.classList.remove("dragging");
  const f = e.dataTransfer?.files[0];
  if (f !== undefined) void bootFile(f);
});
$<HTMLButtonElement>("save-log").onclick = () => {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob(serialLog as BlobPart[], { type: "application/octet-stream" }));
  a.download = "serial.log";
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
};

// For tests and for people at the devtools console: the terminal's text as shown.
(window as unknown as { damselflyTerminalText: () => string }).damselflyTerminalText = () => {
  const buf = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < buf.length; i++) lines.push(buf.getLine(i)?.translateToString(true) ?? "");
  return lines.join("\n");
};

void bootFromAddress();
