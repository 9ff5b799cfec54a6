// One gdb connection: acknowledgements, command dispatch and run control (all-stop mode).
//
// The session owns the protocol state (selected threads, no-ack mode, physical-memory mode,
// inserted breakpoints) and talks to the machine only through GdbTarget. Bytes come in through
// `receive()` and leave through the Transport, so the same session serves a TCP socket, a
// WebSocket or a test.
//
// Replies follow QEMU's stub where the protocol leaves a choice: E22 for a malformed request,
// E14 for memory that cannot be accessed, an empty reply for anything not understood.

import { bytesOf, fromHex, hex2, hexToText, le32Hex, parseHexNumber, textToHex, toHex } from "./hex.ts";
import { runMonitorCommand } from "./monitor.ts";
import { escapeBinary, framePacket, PacketFramer } from "./packet.ts";
import { G_PACKET_BYTES, REGISTERS, registerBytes, TARGET_DOCUMENTS, type RegisterDef } from "./target-description.ts";
import type { GdbTarget, ResumeAction, StopEvent, TargetRegisters, WatchKind } from "./target.ts";
import { formatThread, parseThread, type ThreadSel } from "./threads.ts";

export interface Transport {
  send(bytes: Uint8Array): void;
  close(): void;
}

export interface SessionOptions {
  /** Diagnostics (packets that crashed a handler, etc.); never written to the peer. */
  log?: (line: string) => void;
}

/** Largest packet we accept and send (hex 1000, the size QEMU advertises). */
export const PACKET_SIZE = 0x1000;
/** Most memory bytes in one `m` reply: two hex digits per byte must fit in PACKET_SIZE. */
const MAX_MEMORY_READ = (PACKET_SIZE - 16) >> 1;

const ERR_INVALID = "E22"; // EINVAL: the request was malformed
const ERR_FAULT = "E14"; // EFAULT: memory or register not accessible
const ERR_UNKNOWN_ANNEX = "E00";

const SIGINT = 2;
const SIGTRAP = 5;
const SIGSEGV = 11;

const WATCH_TYPES: Record<string, WatchKind> = { "2": "write", "3": "read", "4": "access" };
const WATCH_STOP_KEY: Record<WatchKind, string> = { write: "watch", read: "rwatch", access: "awatch" };

export class GdbSession {
  private readonly framer = new PacketFramer(PACKET_SIZE * 2);
  private noAck = false;
  private multiprocess = false;
  /**
   * gdb understands `swbreak`/`hwbreak` stop reasons: saying which breakpoint stopped a CPU
   * spares gdb its guess of whether the PC is past an int3 (i386 gdb otherwise backs the PC
   * up by one when a breakpoint sits just before it — wrong for two adjacent breakpoints).
   */
  private swbreak = false;
  private hwbreak = false;
  private lastSent: Uint8Array | undefined;
  /** CPU whose registers and memory `g`, `p`, `m` use (Hg). */
  private gCpu = 0;
  /** Thread `s` and `c` apply to (Hc); "all"/"any" mean the gdb-selected CPU for stepping. */
  private cSel: ThreadSel = { kind: "all" };
  private physicalMemory = false;
  private running = false;
  /** Bumped on every resume, so a stop from a cancelled resume is recognised and dropped. */
  private resumeToken = 0;
  private lastStop: StopEvent | undefined;
  private closed = false;
  private attached = false;
  /** Inserted breakpoints and watchpoints with reference counts (Z0 and Z1 share one address). */
  private readonly breakpoints = new Map<number, number>();
  /** Of those, how many came from Z1 (hardware) at each address. */
  private readonly hardwareBreakpoints = new Map<number, number>();
  private readonly watchpoints = new Map<string, number>();

  constructor(
    private readonly target: GdbTarget,
    private readonly transport: Transport,
    private readonly options: SessionOptions = {},
  ) {}

  /**
   * As QEMU does, a debugger attaching stops the machine: gdb expects a stopped target. We
   * stop it at the first packet rather than at connect, so a connection that never speaks (a
   * port probe) leaves a running machine running and a held one held.
   */
  private attach(): void {
    if (this.attached) return;
    this.attached = true;
    this.target.halt();
  }

  /** Bytes from gdb. */
  receive(bytes: Uint8Array): void {
    for (const ev of this.framer.feed(bytes)) {
      if (this.closed) return;
      switch (ev.kind) {
        case "packet":
          this.attach();
          if (!this.noAck) this.transport.send(bytesOf("+"));
          this.dispatch(ev.payload);
          break;
        case "bad-checksum":
        case "overflow":
          // Ask for a resend; in no-ack mode the protocol has no way to say it, so drop it.
          if (!this.noAck) this.transport.send(bytesOf("-"));
          break;
        case "nack":
          if (!this.noAck && this.lastSent !== undefined) this.transport.send(this.lastSent);
          break;
        case "ack":
          break;
        case "interrupt":
          this.interrupt();
          break;
      }
    }
  }

  /** The peer went away without detaching: leave the machine running without our breakpoints. */
  disconnected(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.attached) return;
    this.clearAllBreakpoints();
    this.resumeToken++;
    this.running = false;
    this.target.detach();
  }

  get isRunning(): boolean {
    return this.running;
  }

  // ---- sending --------------------------------------------------------------------------

  private reply(payload: string): void {
    if (this.closed) return;
    const frame = framePacket(payload);
    this.lastSent = frame;
    this.transport.send(frame);
  }

  private thread(cpu: number): string {
    return formatThread(cpu, this.multiprocess);
  }

  private stopReply(ev: StopEvent | undefined): string {
    if (ev === undefined) return `T${hex2(SIGTRAP)}thread:${this.thread(this.gCpu)};`;
    switch (ev.reason) {
      case "exited":
        return `W${hex2(ev.status & 0xff)}`;
      case "interrupt":
        return `T${hex2(SIGINT)}thread:${this.thread(ev.cpu)};`;
      case "fault":
        return `T${hex2(SIGSEGV)}thread:${this.thread(ev.cpu)};`;
      case "watchpoint":
        return `T${hex2(SIGTRAP)}${WATCH_STOP_KEY[ev.kind]}:${(ev.address >>> 0).toString(16)};thread:${this.thread(ev.cpu)};`;
      case "breakpoint":
        return `T${hex2(SIGTRAP)}${this.breakpointReason(ev.cpu)}thread:${this.thread(ev.cpu)};`;
      case "step":
        return `T${hex2(SIGTRAP)}thread:${this.thread(ev.cpu)};`;
    }
  }

  /** `swbreak:;` or `hwbreak:;` for a CPU stopped on a breakpoint, when gdb asked for them. */
  private breakpointReason(cpu: number): string {
    if (!this.swbreak && !this.hwbreak) return "";
    const pc = this.target.readRegisters(cpu).eip >>> 0;
    const hardware = this.hardwareBreakpoints.get(pc) ?? 0;
    const software = (this.breakpoints.get(pc) ?? 0) - hardware;
    if (software > 0 && this.swbreak) return "swbreak:;";
    if (hardware > 0 && this.hwbreak) return "hwbreak:;";
    return "";
  }

  // ---- dispatch -------------------------------------------------------------------------

  private dispatch(packet: string): void {
    let answer: string | undefined;
    try {
      answer = this.handle(packet);
    } catch (e) {
      // A target bug must not take the connection (or the machine) down with it.
      this.options.log?.(`gdbstub: packet ${JSON.stringify(packet.slice(0, 40))} failed: ${String(e)}`);
      answer = "E01";
    }
    if (answer !== undefined) this.reply(answer);
  }

  /** Returns the reply, or undefined when there is none now (resume, kill). */
  private handle(packet: string): string | undefined {
    const body = packet.slice(1);
    switch (packet[0]) {
      case "?":
        return this.stopReply(this.lastStop);
      case "g":
        return packet === "g" ? this.readAllRegisters() : ERR_INVALID;
      case "G":
        return this.writeAllRegisters(body);
      case "p":
        return this.readRegister(body);
      case "P":
        return this.writeRegister(body);
      case "m":
        return this.readMemory(body);
      case "M":
        return this.writeMemory(body, false);
      case "X":
        return this.writeMemory(body, true);
      case "c":
      case "C":
      case "s":
      case "S":
        return this.simpleResume(packet[0], body);
      case "H":
        return this.setThread(body);
      case "T":
        return parseThread(body, this.target.cpuCount)?.kind === "cpu" ? "OK" : ERR_INVALID;
      case "D":
        return this.detach();
      case "k":
        this.kill();
        return undefined;
      case "Z":
      case "z":
        return this.breakpoint(packet[0] === "Z", body);
      case "q":
      case "Q":
        return this.query(packet);
      case "v":
        return this.vPacket(packet);
      default:
        return "";
    }
  }

  // ---- registers ------------------------------------------------------------------------

  private registerHex(def: RegisterDef, regs: TargetRegisters): string {
    if (def.bits === 80) return "00".repeat(10);
    return le32Hex(def.key !== undefined ? regs[def.key] : (def.fixed ?? 0));
  }

  private readAllRegisters(): string {
    const regs = this.target.readRegisters(this.gCpu);
    return REGISTERS.map((def) => this.registerHex(def, regs)).join("");
  }

  private writeAllRegisters(hex: string): string {
    const bytes = fromHex(hex);
    if (bytes === undefined || bytes.length > G_PACKET_BYTES) return ERR_INVALID;
    const values: Partial<TargetRegisters> = {};
    let offset = 0;
    // A short G writes the registers it covers in full; gdb never sends a partial register.
    for (const def of REGISTERS) {
      const size = registerBytes(def);
      if (offset + size > bytes.length) break;
      if (def.key !== undefined) values[def.key] = readLe32(bytes, offset);
      offset += size;
    }
    this.target.writeRegisters(this.gCpu, values);
    return "OK";
  }

  private readRegister(body: string): string {
    const n = parseHexNumber(body);
    if (n === undefined) return ERR_INVALID;
    const def = REGISTERS[n];
    if (def === undefined) return ERR_FAULT;
    return this.registerHex(def, this.target.readRegisters(this.gCpu));
  }

  private writeRegister(body: string): string {
    const eq = body.indexOf("=");
    const n = eq < 0 ? undefined : parseHexNumber(body.slice(0, eq));
    const bytes = eq < 0 ? undefined : fromHex(body.slice(eq + 1));
    if (n === undefined || bytes === undefined) return ERR_INVALID;
    const def = REGISTERS[n];
    if (def === undefined) return ERR_FAULT;
    if (bytes.length !== registerBytes(def)) return ERR_INVALID;
    // x87 registers have no storage (no FPU): accepted and dropped, so gdb's `G` round trips work.
    if (def.key !== undefined) this.target.writeRegisters(this.gCpu, { [def.key]: readLe32(bytes, 0) });
    return "OK";
  }

  // ---- memory ---------------------------------------------------------------------------

  private parseAddrLen(text: string): { addr: number; len: number } | undefined {
    const comma = text.indexOf(",");
    if (comma < 0) return undefined;
    const addr = parseHexNumber(text.slice(0, comma));
    const len = parseHexNumber(text.slice(comma + 1));
    if (addr === undefined || len === undefined) return undefined;
    return { addr, len };
  }

  private readMemory(body: string): string {
    const req = this.parseAddrLen(body);
    if (req === undefined) return ERR_INVALID;
    if (req.len === 0) return "";
    const len = Math.min(req.len, MAX_MEMORY_READ, 0x100000000 - req.addr);
    const bytes = this.target.readMemory(this.gCpu, req.addr, len, this.physicalMemory);
    // A partial read is legal (gdb asks again for the rest); nothing readable is an error.
    return bytes.length === 0 ? ERR_FAULT : toHex(bytes);
  }

  private writeMemory(body: string, binary: boolean): string {
    const colon = body.indexOf(":");
    const req = colon < 0 ? undefined : this.parseAddrLen(body.slice(0, colon));
    if (req === undefined) return ERR_INVALID;
    const data = body.slice(colon + 1);
    const bytes = binary ? bytesOf(data) : fromHex(data);
    if (bytes === undefined || bytes.length !== req.len) return ERR_INVALID;
    if (req.len === 0) return "OK"; // gdb probes for X support with an empty write
    if (req.addr + req.len > 0x100000000) return ERR_FAULT;
    return this.target.writeMemory(this.gCpu, req.addr, bytes, this.physicalMemory) ? "OK" : ERR_FAULT;
  }

  // ---- threads --------------------------------------------------------------------------

  private setThread(body: string): string {
    const op = body[0];
    const sel = parseThread(body.slice(1), this.target.cpuCount);
    if ((op !== "g" && op !== "c") || sel === undefined) return ERR_INVALID;
    if (op === "g") {
      if (sel.kind === "cpu") this.gCpu = sel.cpu;
    } else {
      this.cSel = sel;
    }
    return "OK";
  }

  private threadExtraInfo(text: string): string {
    const sel = parseThread(text, this.target.cpuCount);
    if (sel?.kind !== "cpu") return ERR_INVALID;
    // Same words and padding as QEMU, so scripts written against it keep working.
    const state = this.target.isHalted(sel.cpu) ? "halted " : "running";
    return textToHex(`CPU#${sel.cpu} [${state}]`);
  }

  // ---- run control ----------------------------------------------------------------------

  private resume(actions: ResumeAction[]): undefined {
    const token = ++this.resumeToken;
    this.running = true;
    this.target.resume(actions, (ev) => {
      if (token !== this.resumeToken || this.closed) return;
      this.running = false;
      this.lastStop = ev;
      if (ev.reason !== "exited") this.gCpu = ev.cpu;
      this.reply(this.stopReply(ev));
    });
    return undefined;
  }

  private simpleResume(op: string, body: string): string | undefined {
    // `C sig;addr` / `S sig;addr`: the signal means nothing to a bare machine; drop it.
    let addrText = body;
    if (op === "C" || op === "S") {
      const semi = body.indexOf(";");
      const sig = semi < 0 ? body : body.slice(0, semi);
      if (parseHexNumber(sig) === undefined) return ERR_INVALID;
      addrText = semi < 0 ? "" : body.slice(semi + 1);
    }
    const cpu = this.cSel.kind === "cpu" ? this.cSel.cpu : this.gCpu;
    if (addrText !== "") {
      const addr = parseHexNumber(addrText);
      if (addr === undefined) return ERR_INVALID;
      this.target.writeRegisters(cpu, { eip: addr });
    }
    const step = op === "s" || op === "S";
    const actions: ResumeAction[] = [];
    for (let i = 0; i < this.target.cpuCount; i++) {
      actions.push(step && i === cpu ? "step" : "continue");
    }
    return this.resume(actions);
  }

  private vCont(spec: string): string | undefined {
    const actions: (ResumeAction | undefined)[] = new Array(this.target.cpuCount).fill(undefined);
    for (const part of spec.split(";")) {
      const colon = part.indexOf(":");
      const verb = colon < 0 ? part : part.slice(0, colon);
      let action: ResumeAction;
      if (verb === "c") action = "continue";
      else if (verb === "s") action = "step";
      else if (/^[CS][0-9a-fA-F]{2}$/.test(verb)) action = verb[0] === "C" ? "continue" : "step";
      else return ERR_INVALID;
      const sel = colon < 0 ? ({ kind: "all" } as ThreadSel) : parseThread(part.slice(colon + 1), this.target.cpuCount);
      if (sel === undefined) return ERR_INVALID;
      // The leftmost action that names a thread wins for it (the protocol's rule).
      for (let cpu = 0; cpu < actions.length; cpu++) {
        const applies = sel.kind === "cpu" ? sel.cpu === cpu : sel.kind === "all" || cpu === this.gCpu;
        if (applies && actions[cpu] === undefined) actions[cpu] = action;
      }
    }
    const resolved = actions.map((a) => a ?? "stay");
    if (resolved.every((a) => a === "stay")) return ERR_INVALID;
    return this.resume(resolved);
  }

  private interrupt(): void {
    if (!this.running) return; // nothing to stop; gdb would not expect a second stop reply
    this.resumeToken++;
    this.running = false;
    this.target.halt();
    const cpu = this.cSel.kind === "cpu" ? this.cSel.cpu : this.gCpu;
    this.lastStop = { reason: "interrupt", cpu };
    this.reply(this.stopReply(this.lastStop));
  }

  private detach(): undefined {
    this.clearAllBreakpoints();
    this.reply("OK");
    this.closed = true;
    this.resumeToken++;
    this.running = false;
    this.target.detach();
    return undefined; // already replied: the session is over
  }

  private kill(): void {
    this.closed = true;
    this.resumeToken++;
    this.running = false;
    this.target.kill();
    this.transport.close();
  }

  // ---- breakpoints ----------------------------------------------------------------------

  private breakpoint(insert: boolean, body: string): string {
    // `type,addr,kind[;cond...]`: we advertise no conditions, so anything after ';' is ignored.
    const fields = body.split(";")[0]!.split(",");
    if (fields.length !== 3) return ERR_INVALID;
    const [type, addrText, kindText] = fields as [string, string, string];
    const addr = parseHexNumber(addrText);
    const kind = parseHexNumber(kindText);
    if (addr === undefined || kind === undefined) return ERR_INVALID;
    if (type === "0" || type === "1") {
      const had = this.breakpoints.get(addr) ?? 0;
      const result = this.changeRef(this.breakpoints, addr, insert, () =>
        insert ? this.target.addBreakpoint(addr) : this.target.removeBreakpoint(addr),
      );
      if (type === "1" && result === "OK" && (insert || had > 0)) {
        const hw = (this.hardwareBreakpoints.get(addr) ?? 0) + (insert ? 1 : -1);
        if (hw > 0) this.hardwareBreakpoints.set(addr, hw);
        else this.hardwareBreakpoints.delete(addr);
      }
      return result;
    }
    const watch = WATCH_TYPES[type];
    if (watch === undefined) return ""; // not a type we support
    if (kind === 0) return ERR_INVALID;
    return this.changeRef(this.watchpoints, `${watch}:${addr}:${kind}`, insert, () =>
      insert ? this.target.addWatchpoint(addr, kind, watch) : this.target.removeWatchpoint(addr, kind, watch),
    );
  }

  private changeRef<K>(map: Map<K, number>, key: K, insert: boolean, apply: () => boolean): string {
    const count = map.get(key) ?? 0;
    if (insert) {
      if (count === 0 && !apply()) return ERR_FAULT;
      map.set(key, count + 1);
    } else {
      if (count === 0) return "OK"; // removing what is not there is harmless, as in QEMU
      if (count === 1) {
        apply();
        map.delete(key);
      } else {
        map.set(key, count - 1);
      }
    }
    return "OK";
  }

  private clearAllBreakpoints(): void {
    for (const addr of this.breakpoints.keys()) this.target.removeBreakpoint(addr);
    for (const key of this.watchpoints.keys()) {
      const [kind, addr, len] = key.split(":") as [WatchKind, string, string];
      this.target.removeWatchpoint(Number(addr), Number(len), kind);
    }
    this.breakpoints.clear();
    this.hardwareBreakpoints.clear();
    this.watchpoints.clear();
  }

  // ---- queries --------------------------------------------------------------------------

  private query(packet: string): string | undefined {
    const colon = packet.indexOf(":");
    const comma = packet.indexOf(",");
    const cut = [colon, comma].filter((i) => i >= 0);
    const name = cut.length === 0 ? packet : packet.slice(0, Math.min(...cut));
    const args = packet.slice(name.length + 1);
    switch (name) {
      case "qSupported": {
        const offered = args.split(";");
        this.multiprocess = offered.includes("multiprocess+");
        this.swbreak = offered.includes("swbreak+");
        this.hwbreak = offered.includes("hwbreak+");
        const features = [`PacketSize=${PACKET_SIZE.toString(16)}`, "qXfer:features:read+", "vContSupported+", "QStartNoAckMode+"];
        if (this.multiprocess) features.push("multiprocess+");
        if (this.swbreak) features.push("swbreak+");
        if (this.hwbreak) features.push("hwbreak+");
        return features.join(";");
      }
      case "QStartNoAckMode":
        // This reply is still acknowledged by gdb; acks stop after it.
        this.reply("OK");
        this.noAck = true;
        return undefined;
      case "qAttached":
        return "1";
      case "qC":
        return `QC${this.thread(this.gCpu)}`;
      case "qfThreadInfo": {
        const ids = [];
        for (let cpu = 0; cpu < this.target.cpuCount; cpu++) ids.push(this.thread(cpu));
        return "m" + ids.join(",");
      }
      case "qsThreadInfo":
        return "l";
      case "qThreadExtraInfo":
        return this.threadExtraInfo(args);
      case "qXfer":
        return this.xfer(args);
      case "qRcmd":
        return this.monitor(args);
      case "qqemu.PhyMemMode":
        return this.physicalMemory ? "1" : "0";
      case "Qqemu.PhyMemMode":
        if (args !== "0" && args !== "1") return ERR_INVALID;
        this.physicalMemory = args === "1";
        return "OK";
      default:
        return "";
    }
  }

  private xfer(args: string): string {
    // features:read:ANNEX:OFFSET,LENGTH
    const m = /^features:read:([^:]*):([0-9a-fA-F]+),([0-9a-fA-F]+)$/.exec(args);
    if (m === null) return args.startsWith("features:read:") ? ERR_INVALID : "";
    const doc = TARGET_DOCUMENTS.get(m[1]!);
    if (doc === undefined) return ERR_UNKNOWN_ANNEX;
    const offset = parseHexNumber(m[2]!);
    const length = parseHexNumber(m[3]!);
    if (offset === undefined || length === undefined) return ERR_INVALID;
    if (offset >= doc.length) return "l";
    // The reply, escapes included, must fit our PacketSize whatever gdb asked for.
    let n = Math.min(length, PACKET_SIZE - 8);
    let escaped = escapeBinary(doc.slice(offset, offset + n));
    while (escaped.length > PACKET_SIZE - 8) {
      n -= escaped.length - (PACKET_SIZE - 8);
      escaped = escapeBinary(doc.slice(offset, offset + n));
    }
    return (offset + n < doc.length ? "m" : "l") + escaped;
  }

  private monitor(hex: string): string {
    const command = hexToText(hex);
    if (command === undefined) return ERR_INVALID;
    const text = runMonitorCommand(this.target, this.gCpu, command);
    // Output travels as console-output packets, a line at a time so each stays small.
    for (const line of text.split(/(?<=\n)/)) {
      for (let i = 0; i < line.length; i += 512) this.reply("O" + textToHex(line.slice(i, i + 512)));
    }
    return "OK";
  }

  private vPacket(packet: string): string | undefined {
    if (packet === "vCont?") return "vCont;c;C;s;S";
    if (packet.startsWith("vCont;")) return this.vCont(packet.slice(6));
    if (packet === "vCont") return ERR_INVALID;
    if (packet.startsWith("vKill")) {
      this.reply("OK");
      this.kill();
      return undefined;
    }
    return ""; // vMustReplyEmpty and everything else we do not implement
  }
}

function readLe32(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
}
