// ipiq.ts: IPI message queues (DragonFly's lwkt_ipiq.c). Every CPU owns one single-producer/
// single-consumer ring per target CPU (gd_ipiq[target]); the sender writes slots and
// ip_windex, the target reads them and advances ip_rindex (before each call) and ip_xindex
// (after it). No lock: each index has one writer. One hardware IPI covers a burst: the sender
// swaps the target's gd_npoll to 1 and interrupts it only if it was 0; the target swaps it
// back to 0 before draining, so a message queued after that gets a new IPI.
// Each CPU also has its cpusync queue (gd_cpusyncq, DragonFly's name): a cpusync target waiting
// for its master parks its wait function there, and every pass of IPI processing retries it.
import { Globaldata, globaldata, mycpu, ncpus } from "../kern/globaldata.ts";
import { bootalloc } from "../kern/bootalloc.ts";
import { intr_register, TrapFrame, IPI_LWKT_FIRST } from "../kern/trap.ts";
import { ipi_send_cpu } from "../dev/lapic.ts";
import { panic } from "../kern/panic.ts";
import { Thread } from "./thread.ts";
import { crit_enter, crit_exit, curthread, RQF_IPIQ } from "./crit.ts";

/** The IPI queue's hardware vector. */
export const IPI_IPIQ: u32 = IPI_LWKT_FIRST;

export const IPIQ_SIZE: u32 = 256;
const IPIQ_MASK: u32 = 255;
/** FIFO-full limits: outside IPI processing drain from >128 down to 64; inside, 253/251. */
const IPIQ_LIMIT: u32 = 128;
const IPIQ_DRAIN: u32 = 64;
const IPIQ_LIMIT_NESTED: u32 = 253;
const IPIQ_DRAIN_NESTED: u32 = 251;
/** A passive send falls back to an active one when the ring holds this many. */
const IPIQ_PASSIVE_LIMIT: u32 = 64;

export type IpiFunc = (arg1: usize, arg2: u32) => void;

class IpiqSlot {
  func: IpiFunc | null = null;
  arg1: usize = 0;
  arg2: u32 = 0;
}

export class IpiqRing {
  ip_rindex: u32 = 0; // written by the target
  ip_windex: u32 = 0; // written by the source
  ip_xindex: u32 = 0; // written by the target after each callback returned
  ip_drain: u32 = 0; // non-zero while the source waits for the ring to drain to this count
  ip_info!: FixedArray<Inline<IpiqSlot>, 256>;
}

/** The ring carrying messages from CPU src to CPU dst. */
export function ipiq_ring(src: u32, dst: u32): IpiqRing {
  return cast<IpiqRing>(globaldata[src].gd_ipiq + dst * sizeof<IpiqRing>());
}

function atomic_set_u32(p: Ptr<u32>, bits: u32): void {
  for (;;) {
    const old: u32 = volatile_load<u32>(p);
    if ((old & bits) == bits) return;
    if (cmpxchg(p, old, old | bits) == old) return;
  }
}

/** Boot CPU, before the APs start: the rings of every (source, target) pair. */
export function lwkt_ipiq_init(): void {
  for (let c: u32 = 0; c < ncpus; c++) {
    // One allocation per CPU: its ncpus outgoing rings, then its cpusync queue.
    const p: usize = bootalloc((ncpus + 1) * sizeof<IpiqRing>());
    globaldata[c].gd_ipiq = p;
    globaldata[c].gd_cpusyncq = p + ncpus * sizeof<IpiqRing>();
  }
  intr_register(IPI_IPIQ, ipiq_intr);
}

/** Messages sitting in the ring (source view). */
function ring_count(ip: IpiqRing): u32 {
  return ip.ip_windex - volatile_load<u32>(addressof(ip.ip_rindex));
}

/**
 * Room for one more message. A ring past its limit makes the sender wait for the target to
 * drain it; meanwhile the sender serves rings of CPUs that are themselves waiting on it, so
 * two CPUs flooding each other (both inside critical sections) both finish.
 */
function ipiq_wait_room(gd: Globaldata, ip: IpiqRing, cpu: u32): void {
  const nested: bool = gd.gd_processing_ipiq != 0;
  const limit: u32 = nested ? IPIQ_LIMIT_NESTED : IPIQ_LIMIT;
  if (ring_count(ip) <= limit) return;
  const drainto: u32 = nested ? IPIQ_DRAIN_NESTED : IPIQ_DRAIN;
  gd.gd_ipiq_fifofull++;
  const tgd: Globaldata = globaldata[cpu];
  volatile_store<u32>(addressof(ip.ip_drain), drainto);
  while (ring_count(ip) > drainto) {
    // The target may have taken our IPI while in a critical section: poke it again only if
    // no IPI is outstanding.
    if (xchg(addressof(tgd.gd_npoll), 1) == 0) {
      gd.gd_ipiq_hw++;
      ipi_send_cpu(cpu, IPI_IPIQ);
    }
    lwkt_process_ipiq_nested(gd);
    pause();
  }
  volatile_store<u32>(addressof(ip.ip_drain), 0);
}

function ipiq_enqueue(gd: Globaldata, ip: IpiqRing, func: IpiFunc, arg1: usize, arg2: u32): u32 {
  const w: u32 = ip.ip_windex;
  const slot: IpiqSlot = ip.ip_info[w & IPIQ_MASK];
  slot.func = func;
  slot.arg1 = arg1;
  slot.arg2 = arg2;
  // The slot must be visible before the index that publishes it.
  barrier();
  volatile_store<u32>(addressof(ip.ip_windex), w + 1);
  gd.gd_ipiq_sent++;
  return w + 1;
}

/**
 * Run func(arg1, arg2) on `cpu`. To this CPU: at once, in a critical section. Returns the
 * sequence number lwkt_wait_ipiq waits for (0 for a local call).
 */
export function lwkt_send_ipiq3(cpu: u32, func: IpiFunc, arg1: usize, arg2: u32): u32 {
  const gd: Globaldata = mycpu();
  if (cpu == gd.gd_cpuid) {
    crit_enter();
    func(arg1, arg2);
    crit_exit();
    return 0;
  }
  if (cpu >= ncpus) panic("lwkt_send_ipiq: no such CPU");
  crit_enter();
  const tgd: Globaldata = globaldata[cpu];
  const ip: IpiqRing = ipiq_ring(gd.gd_cpuid, cpu);
  ipiq_wait_room(gd, ip, cpu);
  const seq: u32 = ipiq_enqueue(gd, ip, func, arg1, arg2);
  atomic_set_u32(addressof(tgd.gd_ipimask), 1 << gd.gd_cpuid);
  // xchg is a full fence: windex and the mask bit are visible before the target can see npoll.
  if (xchg(addressof(tgd.gd_npoll), 1) == 0) {
    gd.gd_ipiq_hw++;
    ipi_send_cpu(cpu, IPI_IPIQ);
  } else {
    gd.gd_ipiq_avoided++;
  }
  crit_exit();
  return seq;
}

export function lwkt_send_ipiq(cpu: u32, func: IpiFunc, arg1: usize, arg2: u32): u32 {
  return lwkt_send_ipiq3(cpu, func, arg1, arg2);
}

/**
 * Queue without interrupting the target: it runs at the target's next tick (or with the next
 * active IPI). A ring already holding IPIQ_PASSIVE_LIMIT messages makes it an active send.
 */
export function lwkt_send_ipiq_passive(cpu: u32, func: IpiFunc, arg1: usize, arg2: u32): u32 {
  const gd: Globaldata = mycpu();
  if (cpu == gd.gd_cpuid) return lwkt_send_ipiq3(cpu, func, arg1, arg2);
  crit_enter();
  const ip: IpiqRing = ipiq_ring(gd.gd_cpuid, cpu);
  if (ring_count(ip) >= IPIQ_PASSIVE_LIMIT) {
    const s: u32 = lwkt_send_ipiq3(cpu, func, arg1, arg2);
    crit_exit();
    return s;
  }
  const seq: u32 = ipiq_enqueue(gd, ip, func, arg1, arg2);
  atomic_set_u32(addressof(globaldata[cpu].gd_ipimask), 1 << gd.gd_cpuid);
  gd.gd_ipiq_passive++;
  crit_exit();
  return seq;
}

/** Wait until the message `seq` sent to `cpu` has run, serving our own queue meanwhile. */
export function lwkt_wait_ipiq(cpu: u32, seq: u32): void {
  const gd: Globaldata = mycpu();
  if (cpu == gd.gd_cpuid || seq == 0) return;
  const ip: IpiqRing = ipiq_ring(gd.gd_cpuid, cpu);
  crit_enter();
  while (i32(volatile_load<u32>(addressof(ip.ip_xindex)) - seq) < 0) {
    lwkt_process_ipiq_critical(gd);
    pause();
  }
  crit_exit();
}

/**
 * Run the messages of one ring up to a snapshot of its windex, while more than `keep` remain.
 * rindex is re-read every round: a callback may process this ring again (nested FIFO-full
 * drain), and rindex advances before each call so such a nested pass starts after it.
 */
function ipiq_drain_ring(gd: Globaldata, ip: IpiqRing, keep: u32): void {
  const wi: u32 = volatile_load<u32>(addressof(ip.ip_windex));
  barrier(); // slot contents are read only after the windex that published them
  for (;;) {
    const ri: u32 = volatile_load<u32>(addressof(ip.ip_rindex));
    if (ri == wi || wi - ri <= keep) break;
    const slot: IpiqSlot = ip.ip_info[ri & IPIQ_MASK];
    const f: IpiFunc | null = slot.func;
    const a1: usize = slot.arg1;
    const a2: u32 = slot.arg2;
    barrier();
    volatile_store<u32>(addressof(ip.ip_rindex), ri + 1);
    gd.gd_ipiq_received++;
    if (f != null) f(a1, a2);
    volatile_store<u32>(addressof(ip.ip_xindex), ri + 1);
  }
}

/**
 * Park func(arg1, arg2) on this CPU's cpusync queue: it runs on the next pass of IPI processing
 * here (cpusync.ts: a target waiting for its master re-queues itself each pass). IPI context.
 */
export function lwkt_cpusyncq_put(func: IpiFunc, arg1: usize, arg2: u32): void {
  const q: IpiqRing = cast<IpiqRing>(mycpu().gd_cpusyncq);
  const w: u32 = q.ip_windex;
  // Entries only grow with cpusyncs in flight towards this CPU (a retry replaces its own entry).
  if (w - q.ip_rindex >= IPIQ_SIZE) panic("cpusyncq: more cpusyncs in flight than slots");
  const slot: IpiqSlot = q.ip_info[w & IPIQ_MASK];
  slot.func = func;
  slot.arg1 = arg1;
  slot.arg2 = arg2;
  volatile_store<u32>(addressof(q.ip_windex), w + 1);
}

function cpusyncq_empty(gd: Globaldata): bool {
  const q: IpiqRing = cast<IpiqRing>(gd.gd_cpusyncq);
  return volatile_load<u32>(addressof(q.ip_windex)) == volatile_load<u32>(addressof(q.ip_rindex));
}

/**
 * One pass over the entries queued before it started (what they re-queue waits for the next
 * pass); returns whether entries remain. Only this CPU touches the queue, but a callback may
 * start a nested pass (cs_func sending into a full ring drains the queue too): rindex is
 * re-read each round and advanced before the call, so each entry runs once.
 */
function cpusyncq_run(gd: Globaldata): bool {
  const q: IpiqRing = cast<IpiqRing>(gd.gd_cpusyncq);
  const wi: u32 = volatile_load<u32>(addressof(q.ip_windex));
  for (;;) {
    const ri: u32 = volatile_load<u32>(addressof(q.ip_rindex));
    if (i32(wi - ri) <= 0) break;
    const slot: IpiqSlot = q.ip_info[ri & IPIQ_MASK];
    const f: IpiFunc | null = slot.func;
    const a1: usize = slot.arg1;
    const a2: u32 = slot.arg2;
    volatile_store<u32>(addressof(q.ip_rindex), ri + 1);
    if (f != null) f(a1, a2);
  }
  return !cpusyncq_empty(gd);
}

/**
 * Drain every ring with work for this CPU. The caller is in a critical section (callbacks
 * must not block or switch) or is the interrupt handler.
 *
 * While the cpusync queue holds a target waiting for its master, keep looping here: the CPU
 * stays in IPI context (no thread runs until every master released it) yet serves all its
 * rings, so a master waiting on a message to it, or a third CPU, still gets through. A CPU
 * that is itself mastering a cpusync (gd_cpusync_master) runs the queue once and returns to
 * its own waiting loop instead: two masters holding each other must both reach deinterlock.
 * The master drains what is left once its last cpusync is done (cpusync.ts).
 */
export function lwkt_process_ipiq(): void {
  const gd: Globaldata = mycpu();
  gd.gd_processing_ipiq++;
  xchg(addressof(gd.gd_npoll), 0);
  const me: u32 = gd.gd_cpuid;
  let polling: bool = false;
  for (;;) {
    const mask: u32 = xchg(addressof(gd.gd_ipimask), 0);
    for (let s: u32 = 0; s < ncpus; s++) {
      if ((mask & (1 << s)) != 0) ipiq_drain_ring(gd, ipiq_ring(s, me), 0);
    }
    if (!cpusyncq_empty(gd) && cpusyncq_run(gd) && gd.gd_cpusync_master == 0) {
      // Held by a master. This loop polls the mask, so senders need not interrupt us: they
      // see npoll == 1 and skip the hardware IPI.
      volatile_store<u32>(addressof(gd.gd_npoll), 1);
      polling = true;
      pause();
      continue;
    }
    if (mask != 0) continue;
    if (!polling) break;
    // Stop polling; xchg is a full fence, so a sender that still saw npoll == 1 has its mask
    // bit visible to the next pass, and any later sender raises a hardware IPI.
    xchg(addressof(gd.gd_npoll), 0);
    polling = false;
  }
  gd.gd_processing_ipiq--;
}

/** Drain everything now even though we are in a critical section (waiting loops). */
function lwkt_process_ipiq_critical(gd: Globaldata): void {
  const td: Thread = curthread();
  td.td_critcount++;
  gd.gd_intr_nesting_level++;
  lwkt_process_ipiq();
  gd.gd_intr_nesting_level--;
  td.td_critcount--;
}

/**
 * FIFO-full wait: serve only sources that are themselves draining, down to their limit, and
 * give the cpusync queue one pass: a target that reached this wait from inside its cpusync
 * loop (a message it ran sends into a full ring) still runs cs_func and acknowledges as soon
 * as its master releases it: the master does not wait for a third CPU to drain our ring. One
 * pass only: the caller's loop comes back here.
 */
function lwkt_process_ipiq_nested(gd: Globaldata): void {
  const me: u32 = gd.gd_cpuid;
  gd.gd_processing_ipiq++;
  gd.gd_intr_nesting_level++;
  for (let s: u32 = 0; s < ncpus; s++) {
    if (s == me) continue;
    const ip: IpiqRing = ipiq_ring(s, me);
    const drain: u32 = volatile_load<u32>(addressof(ip.ip_drain));
    if (drain != 0) ipiq_drain_ring(gd, ip, drain);
  }
  if (!cpusyncq_empty(gd)) cpusyncq_run(gd);
  gd.gd_intr_nesting_level--;
  gd.gd_processing_ipiq--;
}

/** Serve the queue from a waiting loop (cpusync masters, tests): the caller holds a crit. */
export function lwkt_ipiq_service(): void {
  lwkt_process_ipiq_critical(mycpu());
}

/** The tick's poll (clock.ts): passive messages are found here. */
export function lwkt_ipiq_poll(gd: Globaldata): void {
  if (volatile_load<u32>(addressof(gd.gd_ipimask)) == 0) return;
  gd.gd_ipiq_polled++;
  lwkt_process_ipiq();
}

/** Xipiq: EOI was sent by trap_dispatch; inside a critical section only note the request. */
function ipiq_intr(frame: TrapFrame): void {
  const gd: Globaldata = mycpu();
  const td: Thread = curthread();
  if (td.td_critcount > 0) {
    gd.gd_reqflags |= RQF_IPIQ;
    return;
  }
  td.td_critcount++;
  lwkt_process_ipiq();
  td.td_critcount--;
}
