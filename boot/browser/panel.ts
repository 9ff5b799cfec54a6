// The live view of the CPUs: per CPU its state, guest instructions per second, EIP and
// interrupts taken; and an IPI matrix (source x target, counts since boot) whose cells light
// up when traffic arrived since the previous sample.
import type { StatsSample } from "./protocol.ts";

const hex = (v: number) => "0x" + (v >>> 0).toString(16).padStart(8, "0");

function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${Math.round(perSecond)} /s`;
}

export class CpuPanel {
  private previous: StatsSample | undefined;

  constructor(
    private readonly cpuBody: HTMLTableSectionElement,
    private readonly matrix: HTMLTableElement,
    private readonly ipiTotal: HTMLElement,
  ) {}

  clear(): void {
    this.previous = undefined;
    this.cpuBody.replaceChildren();
    this.matrix.replaceChildren();
    this.ipiTotal.textContent = "0";
  }

  update(s: StatsSample): void {
    const prev = this.previous;
    const seconds = prev === undefined ? 0 : (s.hostMs - prev.hostMs) / 1000;
    const rows = s.cpus.map((c) => {
      const before = prev?.cpus.find((p) => p.id === c.id);
      const rate = before !== undefined && seconds > 0 ? (c.instructions - before.instructions) / seconds : 0;
      const tr = document.createElement("tr");
      tr.className = `cpu-row state-${c.state}`;
      tr.dataset.cpu = String(c.id);
      const cells = [`CPU ${c.id}`, s.paused ? "paused" : c.state, formatRate(rate), hex(c.eip), String(c.interrupts)];
      for (const text of cells) {
        const td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      }
      return tr;
    });
    this.cpuBody.replaceChildren(...rows);
    this.renderMatrix(s, prev);
    this.previous = s;
  }

  private renderMatrix(s: StatsSample, prev: StatsSample | undefined): void {
    const n = s.ipis.length;
    let total = 0;
    const head = document.createElement("tr");
    head.append(document.createElement("th"));
    for (let t = 0; t < n; t++) {
      const th = document.createElement("th");
      th.textContent = `→${t}`;
      head.append(th);
    }
    const rows: HTMLTableRowElement[] = [head];
    for (let src = 0; src < n; src++) {
      const tr = document.createElement("tr");
      const th = document.createElement("th");
      th.textContent = `${src}→`;
      tr.append(th);
      for (let dst = 0; dst < n; dst++) {
        const count = s.ipis[src]?.[dst] ?? 0;
        total += count;
        const td = document.createElement("td");
        td.textContent = String(count);
        const before = prev?.ipis[src]?.[dst] ?? 0;
        if (count > before) td.className = "hot";
        else if (count > 0) td.className = "warm";
        tr.append(td);
      }
      rows.push(tr);
    }
    this.matrix.replaceChildren(...rows);
    this.ipiTotal.textContent = String(total);
  }
}
