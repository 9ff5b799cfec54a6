// QEMU's stub is the reference for protocol behaviour: the same packets, sent raw to
// `qemu-system-i386 -smp 4 -S` and to our machine holding the same image, get the same
// replies. Deliberate differences, not compared here: we offer QStartNoAckMode+; our target
// description has its own control-register feature; a malformed `m`/`M` gets E22 where
// QEMU sends an empty reply; `p` works before the target description is read.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { multibootFirmware } from "../../boot/firmware/index.ts";
import { requireTool } from "../../test/host-tools.ts";
import { Machine } from "../machine.ts";
import { startGdbServer } from "./attach.ts";
import { framePacket } from "./packet.ts";
import { freePort } from "./testing/free-port.ts";
import { RawPeer } from "./testing/raw-peer.ts";
import { smpTestImage } from "./testing/smp-image.ts";

/** Packets whose replies must match QEMU's exactly (the stop state is "held, never run"). */
const SAME = [
  "vCont?",
  "qAttached",
  "qC",
  "qThreadExtraInfo,p1.2", // an AP waiting for SIPI: "CPU#1 [halted ]"
  "qThreadExtraInfo,p1.1",
  "Tp1.4",
  "Tp1.5", // no such thread
  "Hgp1.7",
  "Hgp1.3",
  "Hc-1",
  "p100", // no such register
  "qXfer:features:read:nosuch.xml:0,ffb",
  "qXfer:features:read:target.xml:0", // no length
  "Qqemu.PhyMemMode:1",
  "qqemu.PhyMemMode",
  "Qqemu.PhyMemMode:0",
  "vMustReplyEmpty",
  "qTStatus",
];

/**
 * What gdb sends first. QEMU answers `p` only after the target description was read, so it is
 * read here too (its content differs on purpose: our own control-register feature).
 */
const PREAMBLE = ["qSupported:multiprocess+", "qXfer:features:read:target.xml:0,ffb"];

/** Send packets one by one (acks on) and collect each reply payload. */
async function replies(port: number, packets: string[]): Promise<string[]> {
  const peer = await RawPeer.open(port);
  try {
    const out: string[] = [];
    for (const p of packets) {
      peer.write(framePacket(p));
      const r = await peer.until(/\$([^#]*)#[0-9a-f]{2}/, `a reply to ${p}`);
      peer.write("+");
      out.push(r.slice(1, r.indexOf("#")));
    }
    return out;
  } finally {
    peer.destroy();
  }
}

/** The thread list: QEMU sends one id per packet, we send all at once; the ids must agree. */
const THREAD_QUERIES = ["qfThreadInfo", "qsThreadInfo", "qsThreadInfo", "qsThreadInfo", "qsThreadInfo"];

function threadIds(replies: string[]): string[] {
  const end = replies.indexOf("l");
  return replies.slice(0, end < 0 ? replies.length : end).flatMap((r) => r.slice(1).split(","));
}

describe("protocol replies against QEMU's stub", () => {
  it("match packet for packet", async () => {
    const qemu = requireTool("qemu-system-i386");
    const dir = mkdtempSync(path.join(tmpdir(), "damselfly-proto-"));
    const elf = path.join(dir, "smp.elf");
    writeFileSync(elf, smpTestImage());
    const qemuPort = await freePort();
    const child = spawn(qemu, ["-kernel", elf, "-smp", "4", "-m", "32", "-accel", "tcg,thread=single", "-display", "none", "-no-reboot", "-S", "-gdb", `tcp:127.0.0.1:${qemuPort}`], {
      stdio: "ignore",
    });
    const machine = Machine.create({ cpus: 4, memoryMB: 32, kernel: smpTestImage(), firmware: multibootFirmware, deterministic: true });
    const gdb = await startGdbServer(machine, { port: 0, hold: true });
    const running = machine.run({ wallMs: 30_000 });
    try {
      // QEMU needs a moment to open its port.
      let theirs: string[] | undefined;
      for (let i = 0; i < 50 && theirs === undefined; i++) {
        theirs = await replies(qemuPort, [...PREAMBLE, ...SAME, ...THREAD_QUERIES]).catch(async () => {
          await new Promise((r) => setTimeout(r, 100));
          return undefined;
        });
      }
      const ours = await replies(gdb.server.port, [...PREAMBLE, ...SAME, ...THREAD_QUERIES]);
      // We add QStartNoAckMode+ (gdb then skips the acks); everything else QEMU offers we offer.
      expect(ours[0]!.split(";").filter((f) => f !== "QStartNoAckMode+").sort()).toEqual(theirs![0]!.split(";").sort());
      SAME.forEach((packet, i) => expect(ours[i + PREAMBLE.length], `reply to ${packet}`).toBe(theirs![i + PREAMBLE.length]));
      const threadsAt = PREAMBLE.length + SAME.length;
      expect(threadIds(ours.slice(threadsAt))).toEqual(threadIds(theirs!.slice(threadsAt)));
      expect(threadIds(ours.slice(threadsAt))).toEqual(["p01.01", "p01.02", "p01.03", "p01.04"]);
    } finally {
      child.kill("SIGKILL");
      machine.stop();
      await running;
      await gdb.server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
