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
  /** What the CPU itself read at bring-up: its LAPIC ID, and mycpu()'s cpuid through %fs. */
  gd_lapic_id_seen: u32 = 0;
  gd_cpuid_seen: u32 = 0;
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
