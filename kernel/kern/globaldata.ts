// globaldata.ts: the per-CPU data block (DragonFly's `struct globaldata`) and `mycpu`.
// Every CPU owns globaldata[cpuid]; other CPUs may read it (and, for fields documented as
// such, write it with atomics). The @percpu variable gd_mycpu points at the CPU's own block,
// so mycpu() is one %fs-relative load (see percpu.ts for how %fs is set up).

/** Upper bound on CPUs (the size of the per-CPU arrays). MADT entries past it are ignored. */
export const MAXCPU: u32 = 32;

export class Globaldata {
  gd_cpuid: u32 = 0;
  gd_apicid: u32 = 0;
  /** 1 once the CPU has finished its bring-up (written by the CPU itself). */
  gd_online: u32 = 0;
  /** lwkt: the running thread (a Thread reference once kernel/lwkt/ exists). */
  gd_curthread: usize = 0;
  /** lwkt: pending-work bits (RQF_*), set by interrupts/IPIs inside critical sections. */
  gd_reqflags: u32 = 0;
  /** Depth of interrupt handlers running on this CPU (trap.ts raises it around handlers). */
  gd_intr_nesting_level: u32 = 0;
  /** Top of this CPU's boot/idle stack. */
  gd_stack_top: usize = 0;
  /** Linear address of this CPU's copy of the .percpu template (%fs base). */
  gd_percpu_base: usize = 0;
  /** LAPIC timer interrupts taken (HZ per second). */
  gd_ticks: u32 = 0;
  /** Interrupts taken on this CPU, all vectors. */
  gd_intr_count: u32 = 0;
  /** Hardware IPIs this CPU sent (lapic.ts), and received (trap.ts: IPI_TEST, 0xF1..IPI_STOP). */
  gd_ipi_sent: u32 = 0;
  gd_ipi_received: u32 = 0;
  /** Test IPIs (IPI_TEST vector) received; used by the ipi.* selftests. */
  gd_ipi_test_received: u32 = 0;
  /** The vector of the last test IPI and the CPU that handled it (self-check of delivery). */
  gd_ipi_test_last_vector: u32 = 0;
  /** lwkt: this CPU's idle thread (a Thread), run when the run queue is empty. */
  gd_idlethread: usize = 0;
  /** lwkt: run queue, one FIFO per priority (head Thread addresses), and the mask of non-empty ones. */
  gd_tdrunq!: FixedArray<usize, 32>;
  gd_runqmask: u32 = 0;
  /** lwkt: a thread that exited on this CPU, recycled once the CPU has left its stack. */
  gd_deadthread: usize = 0;
  /** lwkt: context switches done by this CPU. */
  gd_cnt_switch: u32 = 0;
  /** lwkt: deferred interrupt vectors (bit v - 0xf0), run by splz at crit_exit. */
  gd_ipending: u32 = 0;
  /** lwkt: interrupt-thread IRQ vectors (bit v - 0x20) that arrived in a critical section. */
  gd_irqpending: u32 = 0;
  /** lwkt: interrupt-thread preemptions done on this CPU, and refused (deferred to crit_exit). */
  gd_cnt_preempt: u32 = 0;
  gd_cnt_preempt_refused: u32 = 0;
  /** lwkt: scheduler-clock rotations of the current thread behind an equal-priority peer. */
  gd_cnt_rotate: u32 = 0;
  /** ipiq: this CPU's outgoing rings, one per target CPU (an array of IpiqRing). */
  gd_ipiq: usize = 0;
  /** ipiq: bit per source CPU with queued work for this CPU (other CPUs set bits atomically). */
  gd_ipimask: u32 = 0;
  /** ipiq: 1 while a hardware IPI is on its way or being handled (senders swap it). */
  gd_npoll: u32 = 0;
  /** ipiq: depth of IPI queue processing on this CPU. */
  gd_processing_ipiq: u32 = 0;
  /** ipiq counters: messages queued by this CPU, hardware IPIs it sent for them, IPIs it */
  /** avoided (target already polling), messages it ran, FIFO-full waits it went through. */
  gd_ipiq_sent: u32 = 0;
  gd_ipiq_hw: u32 = 0;
  gd_ipiq_avoided: u32 = 0;
  gd_ipiq_received: u32 = 0;
  gd_ipiq_fifofull: u32 = 0;
  /** ipiq: passive messages queued by this CPU, and polls of the queue at its own tick. */
  gd_ipiq_passive: u32 = 0;
  gd_ipiq_polled: u32 = 0;
  /** What the CPU itself read at bring-up: its LAPIC ID, and mycpu()'s cpuid through %fs. */
  gd_lapic_id_seen: u32 = 0;
  gd_cpuid_seen: u32 = 0;
  /** cpusync: this CPU's queue of cpusyncs it acknowledged and still waits on (an IpiqRing, */
  /** only this CPU touches it), and how many cpusyncs it is mastering right now (nesting). */
  gd_cpusyncq: usize = 0;
  gd_cpusync_master: u32 = 0;
  /** cpusync counters: cpusyncs this CPU mastered, served as a target (cs_func run and */
  /** acknowledged), and passes of its queue that found a master still holding it. */
  gd_cpusync_mastered: u32 = 0;
  gd_cpusync_served: u32 = 0;
  gd_cpusync_spins: u32 = 0;
  /** token counters (only this CPU writes them, so no atomics in the contended path): */
  /** EXCLREQ raises by its exclusive waiters, shared attempts that deferred to an EXCLREQ, */
  /** scheduler re-acquisitions done in address order, backoff rounds in its own TSC window. */
  gd_tok_exclreq_raised: u32 = 0;
  gd_tok_exclreq_deferred: u32 = 0;
  gd_tok_sorted_getall: u32 = 0;
  gd_tok_window_turns: u32 = 0;
}

/** One block per possible CPU, indexed by cpuid (0 = the boot CPU). */
export let globaldata: FixedArray<Inline<Globaldata>, 32> = [];

/** Number of CPUs found (MADT/MP table), at most MAXCPU; set once by smp_discover. */
export let ncpus: u32 = 1;
/** Number of CPUs that completed bring-up (incremented by each CPU). */
export let ncpus_online: u32 = 0;

/** @percpu */
export let gd_mycpu: Globaldata | null = null;

/** This CPU's globaldata. Valid from percpu_init on (before that %fs is flat). */
export function mycpu(): Globaldata {
  const gd = gd_mycpu;
  if (gd == null) return globaldata[0];
  return gd;
}

export function mycpuid(): u32 {
  return mycpu().gd_cpuid;
}

/** percpu_init: point this CPU's gd_mycpu at its block (an import cannot be assigned). */
export function set_mycpu(gd: Globaldata): void {
  gd_mycpu = gd;
}

export function globaldata_find(cpu: u32): Globaldata {
  return globaldata[cpu];
}

export function set_ncpus(n: u32): void {
  ncpus = n;
}

export function ncpus_online_inc(): void {
  xadd(addressof(ncpus_online), 1);
}
