// What each scenario in scenarios.S must print, from the Intel SDM (vol. 3: 4.7 page-fault
// error code, 5.x protection checks, 6.13 error codes, 6.15 exception reference; vol. 2: MOV,
// INT n, BOUND, INVLPG; 4.10.4 TLB invalidation). Not copied from any judge's output: QEMU
// and v86 are checked against these lines like our machine is.

export type Judge = "qemu" | "v86";

export interface ScenarioExpectation {
  name: string;
  /** What follows the name on the line; our machine must print exactly this. */
  line: string;
  /**
   * Where the SDM leaves the CPU a choice (using a TLB entry that is stale), what any correct
   * CPU may print; the judges must match this. Our machine must print `line`: its TLB keeps
   * stale entries until INVLPG or a CR3 load, as the issue requires.
   */
  judgesMayPrint?: RegExp;
  /** Judges known to be wrong here, and how (decided with the SDM). */
  deviations?: { judge: Judge; reason: string; crashes?: boolean }[];
}

const hex = (v: number, digits: number) => (v >>> 0).toString(16).padStart(digits, "0");
const PF = 14;
const CS0 = 0x08;
const CS3 = 0x1b;
/** After a fault in ring 3: the user SS:ESP pushed on the ring-0 stack, and ESP0 used. */
const USER_FRAME = ` user ss=0023 esp=00302000 kesp=00000000`;

function fault(vector: number, error: number, o: { at?: number; cs?: number; cr2?: number; user?: boolean } = {}): string {
  let s = `-> #${hex(vector, 2)} err=${hex(error, 8)}`;
  if (vector !== 8) s += ` at=${hex(o.at ?? 0, 8)} cs=${hex(o.cs ?? CS0, 4)}`;
  if (vector === PF) s += ` cr2=${hex(o.cr2 ?? 0, 8)}`;
  if (o.user === true) s += USER_FRAME;
  return s;
}

const userFault = (vector: number, error: number, cr2?: number) => fault(vector, error, { cs: CS3, cr2, user: true });

/** Page-fault error code bits (SDM vol. 3, 4.7). */
const P = 1, W = 2, U = 4;

const V86_GATE_PANIC = {
  judge: "v86" as const,
  crashes: true,
  reason: "v86 0.5.462 panics (\"Unimplemented: #GP handler\") when INT n finds an IDT entry that is not a gate, instead of raising #GP",
};

export const SCENARIOS: readonly ScenarioExpectation[] = [
  { name: "pf_read_pde_not_present", line: fault(PF, 0, { cr2: 0x500000 }) },
  { name: "pf_write_pte_not_present", line: fault(PF, W, { cr2: 0x303010 }) },
  { name: "pf_kernel_write_readonly_wp", line: fault(PF, P | W, { cr2: 0x300020 }) },
  { name: "pf_kernel_write_user_readonly_wp", line: fault(PF, P | W, { cr2: 0x302040 }) },
  { name: "kernel_write_readonly_without_wp", line: "value=5a5a5a5a -> ok" },
  // No I/D bit: it is set only with PAE+NX or SMEP (SDM vol. 3, 4.7).
  { name: "pf_fetch_not_present", line: fault(PF, 0, { cr2: 0x303000 }) },
  // PDE 2 = 0x87 (PS, U, W, P); the read sets A (0x20), not D.
  { name: "pse_4mb_page_alias", line: "value=12345678 pde=000000a7 -> ok" },
  { name: "accessed_and_dirty_bits", line: "before=00308007 after_read=00308027 after_write=00308067 pde_a_d=00000020 -> ok" },
  // Loading a segment register sets the descriptor's accessed bit: 0x92 -> 0x93 (SDM vol. 3, 3.4.5.1).
  { name: "segment_load_sets_accessed_bit", line: "before=00000092 after=00000093 -> ok" },
  { name: "pf_in_rep_movsb", line: `ecx=0000000a esi=00303000 edi=00301006 ${fault(PF, 0, { cr2: 0x303000 })}` },
  // Selector error codes: the selector with RPL replaced by TI/EXT (SDM vol. 3, 6.13).
  { name: "gp_selector_beyond_gdt_limit", line: fault(13, 0x1230) },
  { name: "gp_ldt_selector_without_ldt", line: fault(13, 0x000c) },
  { name: "gp_null_ss", line: fault(13, 0) },
  { name: "gp_ss_rpl_not_cpl", line: fault(13, 0x10) },
  { name: "gp_ss_dpl_not_cpl", line: fault(13, 0x20) },
  { name: "np_segment_not_present", line: fault(11, 0x30) },
  { name: "gp_tss_selector_into_ds", line: fault(13, 0x28) },
  { name: "gp_far_jump_to_data_segment", line: fault(13, 0x10) },
  // A dword at offset 0xffd of a segment with limit 0xfff: #GP(0) (SDM vol. 2, MOV; vol. 3, 5.3).
  {
    name: "gp_segment_limit",
    line: fault(13, 0),
    deviations: [
      { judge: "qemu", reason: "QEMU 7.2 TCG does not check data segment limits in protected mode" },
      { judge: "v86", reason: "v86 0.5.462 does not check data segment limits" },
    ],
  },
  { name: "de_divide_by_zero", line: fault(0, 0) },
  { name: "ud_ud2", line: fault(6, 0) },
  // Traps: the saved EIP is the next instruction.
  { name: "bp_int3_is_a_trap", line: fault(3, 0, { at: 1 }) },
  { name: "of_into_is_a_trap", line: fault(4, 0, { at: 1 }) },
  {
    name: "br_bound_out_of_range",
    line: fault(5, 0),
    deviations: [{ judge: "v86", reason: "v86 0.5.462 BOUND never raises #BR" }],
  },
  // IDT error codes: vector * 8 + 2 (IDT bit) (SDM vol. 2, INT n).
  { name: "np_int_gate_not_present", line: fault(11, 0x90 * 8 + 2) },
  { name: "gp_int_gate_of_no_gate_type", line: fault(13, 0x91 * 8 + 2), deviations: [V86_GATE_PANIC] },
  // #GP while delivering #GP is a double fault; #DF's error code is 0 and its EIP undefined.
  {
    name: "df_gp_while_delivering_gp",
    line: fault(8, 0),
    deviations: [{ judge: "v86", crashes: true, reason: "v86 0.5.462 panics (\"Unimplemented: #GP handler\") when #GP's own IDT entry is beyond the IDT limit, instead of raising #DF" }],
  },
  { name: "user_int80_through_dpl3_gate", line: fault(0x80, 0, { at: 2, cs: CS3, user: true }) },
  { name: "user_int81_through_dpl0_gate", line: userFault(13, 0x81 * 8 + 2) },
  { name: "user_cli", line: userFault(13, 0) },
  { name: "user_hlt", line: userFault(13, 0) },
  { name: "user_read_cr0", line: userFault(13, 0) },
  { name: "user_out_without_iopl", line: userFault(13, 0) },
  { name: "user_load_kernel_data_segment", line: userFault(13, 0x10) },
  { name: "user_read_supervisor_page", line: userFault(PF, P | U, 0x304000) },
  { name: "user_write_supervisor_page", line: userFault(PF, P | W | U, 0x304008) },
  { name: "user_write_readonly_user_page", line: userFault(PF, P | W | U, 0x302010) },
  { name: "user_write_readonly_user_page_without_wp", line: userFault(PF, P | W | U, 0x302014) },
  {
    name: "user_push_beyond_stack_limit",
    line: "-> #0c err=00000000 at=00000000 cs=001b user ss=0053 esp=00000002 kesp=00000000",
    deviations: [
      { judge: "qemu", reason: "QEMU 7.2 TCG does not check stack segment limits: the push goes to linear 0xfffffffe and page-faults" },
      { judge: "v86", reason: "v86 0.5.462 does not check stack segment limits" },
    ],
  },
  { name: "user_read_not_present_page", line: userFault(PF, U, 0x303000) },
  // CPUID.1:EDX bits the issue requires: PSE(3) TSC(4) MSR(5) CX8(8) APIC(9) PGE(13) CMOV(15).
  { name: "cpuid_features", line: "edx_bits=0000a338 -> ok" },
  // IA32_APIC_BASE of the BSP: base 0xfee00000, enable (bit 11), BSP (bit 8).
  {
    name: "rdmsr_apic_base",
    line: "low=fee00900 -> ok",
    deviations: [{ judge: "v86", reason: "v86 0.5.462 reads IA32_APIC_BASE as 0xfee00000, without the enable and BSP bits (SDM vol. 3, 10.4.4)" }],
  },
  // An unimplemented MSR: #GP(0) (SDM vol. 2, WRMSR).
  {
    name: "wrmsr_unknown_msr",
    line: fault(13, 0),
    deviations: [
      { judge: "qemu", reason: "QEMU 7.2 TCG ignores WRMSR to an MSR it does not implement" },
      { judge: "v86", reason: "v86 0.5.462 ignores WRMSR to an MSR it does not implement" },
    ],
  },
  // 11 GDT entries (limit 11*8-1), 256 IDT gates (limit 0x7ff).
  { name: "sgdt_sidt_read_back", line: "gdt_limit=00000057 gdt_base_minus_gdt=00000000 idt_limit=000007ff -> ok" },
  { name: "cr4_read_back", line: "pse_pge=00000010 cr0_pg_wp_pe=80010001 -> ok" },
  { name: "interrupt_gate_clears_if", line: `${fault(0x82, 0, { at: 2 })} if_in_handler=0 saved_if=1` },
  { name: "trap_gate_keeps_if", line: `${fault(0x83, 0, { at: 2 })} if_in_handler=1 saved_if=1` },
  // Real mode: DS = 0x0123 makes DS:0005 linear 0x1235; SP after two pushes and two pops.
  { name: "real_mode_round_trip", line: "segment_read=0000cafe add32=23456789 stack=0000beef sp=00005000 -> ok" },
  {
    name: "tlb_invlpg_and_cr3_reload",
    line: "without_flush=11111111 after_invlpg=22222222 stale_again=22222222 after_cr3_load=11111111 -> ok",
    judgesMayPrint: /^without_flush=(11111111|22222222) after_invlpg=22222222 stale_again=(22222222|11111111) after_cr3_load=11111111 -> ok$/,
  },
  {
    name: "tlb_global_page",
    line: "after_cr3_load=11111111 after_invlpg=22222222 after_pge_off=11111111 -> ok",
    judgesMayPrint: /^after_cr3_load=(11111111|22222222) after_invlpg=22222222 after_pge_off=11111111 -> ok$/,
  },
];
