// The instruction forms: one row per (mnemonic, operand size, operand kinds, encoding).
//
// Rows are written in AT&T operand order (source first). Within a mnemonic the first row
// whose operands match wins, so rows follow GNU as's template order: the register-to-r/m
// ("store") direction before the load direction, the sign-extended imm8 form before the
// accumulator form before the general immediate form, short register forms (`50+r`) before
// ModRM forms. That order is what makes our bytes equal GNU as's.
//
// Operand kinds; a kind without a width takes the row's operand size:
//   r rm acc imm      general register / register or memory / %al-%ax-%eax / immediate
//   r8 r16 r32 rm8 rm16 rm32 imm8 imm16   fixed width
//   R16 R32           a general register encoded in ModRM.rm (segment/control/debug moves)
//   simm8             a constant that fits a sign-extended byte at the operand size
//   imm1 imm3         the constant 1 (shift by one) / 3 (int $3)
//   m                 memory of any size      moffs   memory with only a displacement
//   cl dx             those registers (dx also as `(%dx)`)
//   sreg creg dreg    segment / control / debug register;  es cs ss ds fs gs: that one
//   st0 sti           the x87 stack top %st / any %st(i) (encoded in ModRM.rm)
//   *rm *m            indirect branch target (the `*` may be omitted for registers)
// Encoding: hex opcode bytes, then `/r` or `/0`../7` for ModRM, `+r` adds the register number
// to the last opcode byte. Immediates follow in operand order.
// Flags: d = without a suffix the operand size is the code size (push, lgdt, iret, ...);
//        n = never emit the operand-size prefix (segment register moves);
//        2 = the single register is both ModRM.reg and ModRM.rm (two-operand imul);
//        s = string instruction: optional memory operands only name the implicit ones;
//        f = far pointer `$sel,$off`: emit the offset, then the selector.

export type OperandSize = 0 | 8 | 16 | 32;

export interface Form {
  mnemonic: string;
  size: OperandSize;
  kinds: string[];
  opcode: number[];
  modrm: "r" | number | null;
  plusReg: boolean;
  flags: string;
}

type Row = [mnemonics: string, sizes: string, operands: string, encoding: string, flags?: string];

/** Condition codes in encoding order with every spelling GNU as accepts. */
export const CONDITIONS: string[][] = [
  ["o"], ["no"], ["b", "c", "nae"], ["ae", "nb", "nc"], ["e", "z"], ["ne", "nz"], ["be", "na"], ["a", "nbe"],
  ["s"], ["ns"], ["p", "pe"], ["np", "po"], ["l", "nge"], ["ge", "nl"], ["le", "ng"], ["g", "nle"],
];

const hex = (n: number): string => n.toString(16).padStart(2, "0");
const ALU = ["add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"];
const SHIFTS = ["rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar"];
const SHIFT_DIGIT = [0, 1, 2, 3, 4, 5, 4, 7];

// x87 arithmetic. AT&T spells the memory size in the mnemonic (s/l/t for floats, s/l/ll for
// integers), so every form is its own mnemonic here. Register forms put %st(i) in ModRM.rm;
// `op %st,%st(i)` and the popping forms keep the memory form's digit, as GNU as does.
const X87_ARITH = ["fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"];
const X87_ROWS: Row[] = [
  ...X87_ARITH.flatMap((m, n): Row[] => [
    [`${m}s`, "", "m", `d8 /${n}`],
    [`${m}l`, "", "m", `dc /${n}`],
    [`fi${m.slice(1)}s`, "", "m", `de /${n}`],
    [`fi${m.slice(1)}l`, "", "m", `da /${n}`],
    ...(m === "fcom" || m === "fcomp"
      ? ([
          [m, "", "sti", `d8 /${n}`],
          [m, "", "", `d8 ${hex(0xc1 + n * 8)}`],
        ] as Row[])
      : ([
          [m, "", "sti,st0", `d8 /${n}`],
          [m, "", "st0,sti", `dc /${n}`],
          [`${m}p`, "", "st0,sti", `de /${n}`],
          [`${m}p`, "", "", `de ${hex(0xc1 + n * 8)}`],
        ] as Row[])),
  ]),
  ["flds", "", "m", "d9 /0"],
  ["fldl", "", "m", "dd /0"],
  ["fldt", "", "m", "db /5"],
  ["fld", "", "sti", "d9 /0"],
  ["fsts", "", "m", "d9 /2"],
  ["fstl", "", "m", "dd /2"],
  ["fst", "", "sti", "dd /2"],
  ["fstps", "", "m", "d9 /3"],
  ["fstpl", "", "m", "dd /3"],
  ["fstpt", "", "m", "db /7"],
  ["fstp", "", "sti", "dd /3"],
  ["filds", "", "m", "df /0"],
  ["fildl", "", "m", "db /0"],
  ["fildll fildq", "", "m", "df /5"],
  ["fists", "", "m", "df /2"],
  ["fistl", "", "m", "db /2"],
  ["fistps", "", "m", "df /3"],
  ["fistpl", "", "m", "db /3"],
  ["fistpll fistpq", "", "m", "df /7"],
  ["fisttps", "", "m", "df /1"],
  ["fisttpl", "", "m", "db /1"],
  ["fisttpll fisttpq", "", "m", "dd /1"],
  ["fbld", "", "m", "df /4"],
  ["fbstp", "", "m", "df /6"],
  ["fxch", "", "sti", "d9 /1"],
  ["fxch", "", "", "d9 c9"],
  ["fucom", "", "sti", "dd /4"],
  ["fucom", "", "", "dd e1"],
  ["fucomp", "", "sti", "dd /5"],
  ["fucomp", "", "", "dd e9"],
  ["fucompp", "", "", "da e9"],
  ["fcompp", "", "", "de d9"],
  ["fcomi", "", "sti,st0", "db /6"],
  ["fcomip fcompi", "", "sti,st0", "df /6"],
  ["fucomi", "", "sti,st0", "db /5"],
  ["fucomip fucompi", "", "sti,st0", "df /5"],
  ["fcmovb", "", "sti,st0", "da /0"],
  ["fcmove", "", "sti,st0", "da /1"],
  ["fcmovbe", "", "sti,st0", "da /2"],
  ["fcmovu", "", "sti,st0", "da /3"],
  ["fcmovnb", "", "sti,st0", "db /0"],
  ["fcmovne", "", "sti,st0", "db /1"],
  ["fcmovnbe", "", "sti,st0", "db /2"],
  ["fcmovnu", "", "sti,st0", "db /3"],
  ["ffree", "", "sti", "dd /0"],
  ["fldenv", "", "m", "d9 /4"],
  ["fnstenv", "", "m", "d9 /6"],
  ["fstenv", "", "m", "9b d9 /6"],
  ...(
    [
      ["fchs", 0xe0], ["fabs", 0xe1], ["ftst", 0xe4], ["fxam", 0xe5], ["fld1", 0xe8], ["fldl2t", 0xe9], ["fldl2e", 0xea],
      ["fldpi", 0xeb], ["fldlg2", 0xec], ["fldln2", 0xed], ["fldz", 0xee], ["f2xm1", 0xf0], ["fyl2x", 0xf1], ["fptan", 0xf2],
      ["fpatan", 0xf3], ["fxtract", 0xf4], ["fprem1", 0xf5], ["fdecstp", 0xf6], ["fincstp", 0xf7], ["fprem", 0xf8],
      ["fyl2xp1", 0xf9], ["fsqrt", 0xfa], ["fsincos", 0xfb], ["frndint", 0xfc], ["fscale", 0xfd], ["fsin", 0xfe], ["fcos", 0xff],
    ] as [string, number][]
  ).map(([m, op]): Row => [m, "", "", `d9 ${hex(op)}`]),
];

const ROWS: Row[] = [
  ...ALU.flatMap((m, i): Row[] => [
    [m, "b", "r,rm", `${hex(i * 8)} /r`],
    [m, "wl", "r,rm", `${hex(i * 8 + 1)} /r`],
    [m, "b", "rm,r", `${hex(i * 8 + 2)} /r`],
    [m, "wl", "rm,r", `${hex(i * 8 + 3)} /r`],
    [m, "wl", "simm8,rm", `83 /${i}`],
    [m, "b", "imm,acc", hex(i * 8 + 4)],
    [m, "wl", "imm,acc", hex(i * 8 + 5)],
    [m, "b", "imm,rm", `80 /${i}`],
    [m, "wl", "imm,rm", `81 /${i}`],
  ]),
  ["mov", "b", "acc,moffs", "a2"],
  ["mov", "wl", "acc,moffs", "a3"],
  ["mov", "b", "moffs,acc", "a0"],
  ["mov", "wl", "moffs,acc", "a1"],
  ["mov", "b", "r,rm", "88 /r"],
  ["mov", "wl", "r,rm", "89 /r"],
  ["mov", "b", "rm,r", "8a /r"],
  ["mov", "wl", "rm,r", "8b /r"],
  ["mov", "b", "imm,r", "b0 +r"],
  ["mov", "wl", "imm,r", "b8 +r"],
  ["mov", "b", "imm,rm", "c6 /0"],
  ["mov", "wl", "imm,rm", "c7 /0"],
  ["mov", "w", "sreg,R16", "8c /r"],
  ["mov", "l", "sreg,R32", "8c /r"],
  ["mov", "w", "sreg,m", "8c /r", "n"],
  ["mov", "w", "R16,sreg", "8e /r", "n"],
  ["mov", "l", "R32,sreg", "8e /r", "n"],
  ["mov", "w", "m,sreg", "8e /r", "n"],
  ["mov", "l", "creg,R32", "0f 20 /r", "n"],
  ["mov", "l", "R32,creg", "0f 22 /r", "n"],
  ["mov", "l", "dreg,R32", "0f 21 /r", "n"],
  ["mov", "l", "R32,dreg", "0f 23 /r", "n"],

  ["test", "b", "r,rm", "84 /r"],
  ["test", "wl", "r,rm", "85 /r"],
  ["test", "b", "rm,r", "84 /r"],
  ["test", "wl", "rm,r", "85 /r"],
  ["test", "b", "imm,acc", "a8"],
  ["test", "wl", "imm,acc", "a9"],
  ["test", "b", "imm,rm", "f6 /0"],
  ["test", "wl", "imm,rm", "f7 /0"],

  ["xchg", "wl", "acc,r", "90 +r"],
  ["xchg", "wl", "r,acc", "90 +r"],
  ["xchg", "b", "r,rm", "86 /r"],
  ["xchg", "wl", "r,rm", "87 /r"],
  ["xchg", "b", "rm,r", "86 /r"],
  ["xchg", "wl", "rm,r", "87 /r"],
  ["xadd", "b", "r,rm", "0f c0 /r"],
  ["xadd", "wl", "r,rm", "0f c1 /r"],
  ["cmpxchg", "b", "r,rm", "0f b0 /r"],
  ["cmpxchg", "wl", "r,rm", "0f b1 /r"],
  ["cmpxchg8b", "", "m", "0f c7 /1"],
  ["bswap", "l", "r", "0f c8 +r"],

  ["inc", "wl", "r", "40 +r"],
  ["dec", "wl", "r", "48 +r"],
  ["inc", "b", "rm", "fe /0"],
  ["inc", "wl", "rm", "ff /0"],
  ["dec", "b", "rm", "fe /1"],
  ["dec", "wl", "rm", "ff /1"],
  ...["not", "neg", "mul", "imul", "div", "idiv"].flatMap((m, i): Row[] => [
    [m, "b", "rm", `f6 /${i + 2}`],
    [m, "wl", "rm", `f7 /${i + 2}`],
  ]),
  ["imul", "wl", "rm,r", "0f af /r"],
  ["imul", "wl", "simm8,rm,r", "6b /r"],
  ["imul", "wl", "imm,rm,r", "69 /r"],
  ["imul", "wl", "simm8,r", "6b /r", "2"],
  ["imul", "wl", "imm,r", "69 /r", "2"],

  ...SHIFTS.flatMap((m, i): Row[] => [
    [m, "b", "imm1,rm", `d0 /${SHIFT_DIGIT[i]}`],
    [m, "wl", "imm1,rm", `d1 /${SHIFT_DIGIT[i]}`],
    [m, "b", "cl,rm", `d2 /${SHIFT_DIGIT[i]}`],
    [m, "wl", "cl,rm", `d3 /${SHIFT_DIGIT[i]}`],
    [m, "b", "imm8,rm", `c0 /${SHIFT_DIGIT[i]}`],
    [m, "wl", "imm8,rm", `c1 /${SHIFT_DIGIT[i]}`],
    [m, "b", "rm", `d0 /${SHIFT_DIGIT[i]}`],
    [m, "wl", "rm", `d1 /${SHIFT_DIGIT[i]}`],
  ]),
  ["shld", "wl", "imm8,r,rm", "0f a4 /r"],
  ["shld", "wl", "cl,r,rm", "0f a5 /r"],
  ["shld", "wl", "r,rm", "0f a5 /r"],
  ["shrd", "wl", "imm8,r,rm", "0f ac /r"],
  ["shrd", "wl", "cl,r,rm", "0f ad /r"],
  ["shrd", "wl", "r,rm", "0f ad /r"],

  ...["bt", "bts", "btr", "btc"].flatMap((m, i): Row[] => [
    [m, "wl", "r,rm", `0f ${hex(0xa3 + i * 8)} /r`],
    [m, "wl", "imm8,rm", `0f ba /${i + 4}`],
  ]),
  ["bsf", "wl", "rm,r", "0f bc /r"],
  ["bsr", "wl", "rm,r", "0f bd /r"],
  ["lea", "wl", "m,r", "8d /r"],

  ["movzbw", "w", "rm8,r16", "0f b6 /r"],
  ["movzbl", "l", "rm8,r32", "0f b6 /r"],
  ["movzwl", "l", "rm16,r32", "0f b7 /r"],
  ["movsbw", "w", "rm8,r16", "0f be /r"],
  ["movsbl", "l", "rm8,r32", "0f be /r"],
  ["movswl", "l", "rm16,r32", "0f bf /r"],
  ["movzb", "wl", "rm8,r", "0f b6 /r"],
  ["movzw", "l", "rm16,r", "0f b7 /r"],
  ["movsb", "wl", "rm8,r", "0f be /r"],
  ["movsw", "l", "rm16,r", "0f bf /r"],
  // Intel spellings: a memory source is a byte unless a b/w suffix names the source size.
  ["movzx movzxb", "wl", "rm8,r", "0f b6 /r"],
  ["movzx movzxw", "wl", "rm16,r", "0f b7 /r"],
  ["movsx movsxb", "wl", "rm8,r", "0f be /r"],
  ["movsx movsxw", "wl", "rm16,r", "0f bf /r"],
  ["cbtw cbw", "w", "", "98"],
  ["cwtl cwde", "l", "", "98"],
  ["cwtd cwd", "w", "", "99"],
  ["cltd cdq", "l", "", "99"],

  ["push", "wl", "r", "50 +r", "d"],
  ["push", "wl", "simm8", "6a", "d"],
  ["push", "wl", "imm", "68", "d"],
  ["push", "wl", "rm", "ff /6", "d"],
  ["push", "wl", "es", "06", "d"],
  ["push", "wl", "cs", "0e", "d"],
  ["push", "wl", "ss", "16", "d"],
  ["push", "wl", "ds", "1e", "d"],
  ["push", "wl", "fs", "0f a0", "d"],
  ["push", "wl", "gs", "0f a8", "d"],
  ["pop", "wl", "r", "58 +r", "d"],
  ["pop", "wl", "rm", "8f /0", "d"],
  ["pop", "wl", "es", "07", "d"],
  ["pop", "wl", "ss", "17", "d"],
  ["pop", "wl", "ds", "1f", "d"],
  ["pop", "wl", "fs", "0f a1", "d"],
  ["pop", "wl", "gs", "0f a9", "d"],
  ["pusha", "wl", "", "60", "d"],
  ["popa", "wl", "", "61", "d"],
  ["pushf", "wl", "", "9c", "d"],
  ["popf", "wl", "", "9d", "d"],

  ["ret", "wl", "", "c3", "d"],
  ["ret", "wl", "imm16", "c2", "d"],
  ["lret", "wl", "", "cb", "d"],
  ["lret", "wl", "imm16", "ca", "d"],
  ["iret", "wl", "", "cf", "d"],
  ["leave", "wl", "", "c9", "d"],
  ["enter", "wl", "imm16,imm8", "c8", "d"],
  ["jmp", "wl", "*rm", "ff /4", "d"],
  ["call", "wl", "*rm", "ff /2", "d"],
  ["ljmp", "wl", "*m", "ff /5", "d"],
  ["lcall", "wl", "*m", "ff /3", "d"],
  ["ljmp", "wl", "imm16,imm", "ea", "df"],
  ["lcall", "wl", "imm16,imm", "9a", "df"],
  ["int", "", "imm3", "cc"], // GNU as writes `int $3` as the one-byte breakpoint
  ["int", "", "imm8", "cd"],
  ["int3", "", "", "cc"],
  ["into", "", "", "ce"],

  ["in", "b", "imm8,acc", "e4"],
  ["in", "wl", "imm8,acc", "e5"],
  ["in", "b", "dx,acc", "ec"],
  ["in", "wl", "dx,acc", "ed"],
  ["in", "b", "imm8", "e4"],
  ["in", "wl", "imm8", "e5"],
  ["in", "b", "dx", "ec"],
  ["in", "wl", "dx", "ed"],
  ["out", "b", "acc,imm8", "e6"],
  ["out", "wl", "acc,imm8", "e7"],
  ["out", "b", "acc,dx", "ee"],
  ["out", "wl", "acc,dx", "ef"],
  ["out", "b", "imm8", "e6"],
  ["out", "wl", "imm8", "e7"],
  ["out", "b", "dx", "ee"],
  ["out", "wl", "dx", "ef"],

  ...(
    [
      ["movs", 0xa4], ["cmps", 0xa6], ["stos", 0xaa], ["lods", 0xac], ["scas", 0xae], ["ins", 0x6c], ["outs", 0x6e],
    ] as [string, number][]
  ).flatMap(([m, op]): Row[] => [
    [m, "b", "", hex(op), "s"],
    [m, "wl", "", hex(op + 1), "s"],
  ]),

  ["lgdt", "wl", "m", "0f 01 /2", "d"],
  ["lidt", "wl", "m", "0f 01 /3", "d"],
  ["sgdt", "wl", "m", "0f 01 /0", "d"],
  ["sidt", "wl", "m", "0f 01 /1", "d"],
  ["lldt", "", "rm16", "0f 00 /2"],
  ["ltr", "", "rm16", "0f 00 /3"],
  ["lmsw", "", "rm16", "0f 01 /6"],
  // The stores write 16 bits to memory but a whole register, so a register sets the size.
  ["sldt", "wl", "r", "0f 00 /0"],
  ["sldt", "", "m", "0f 00 /0"],
  ["str", "wl", "r", "0f 00 /1"],
  ["str", "", "m", "0f 00 /1"],
  ["smsw", "wl", "r", "0f 01 /4"],
  ["smsw", "", "m", "0f 01 /4"],
  ["invlpg", "", "m", "0f 01 /7"],
  ["lar", "wl", "rm,r", "0f 02 /r"],
  ["lsl", "wl", "rm,r", "0f 03 /r"],
  ["verr", "", "rm16", "0f 00 /4"],
  ["verw", "", "rm16", "0f 00 /5"],
  ["arpl", "", "r16,rm16", "63 /r"],
  ["bound", "wl", "r,m", "62 /r"], // GNU as keeps Intel's operand order for bound
  ["lds", "wl", "m,r", "c5 /r"],
  ["les", "wl", "m,r", "c4 /r"],
  ["lfs", "wl", "m,r", "0f b4 /r"],
  ["lgs", "wl", "m,r", "0f b5 /r"],
  ["lss", "wl", "m,r", "0f b2 /r"],
  ["clflush", "", "m", "0f ae /7"],
  ["nop", "wl", "rm", "0f 1f /0"],
  ["ud1", "wl", "rm,r", "0f b9 /r"],
  ["aam", "", "", "d4 0a"],
  ["aam", "", "imm8", "d4"],
  ["aad", "", "", "d5 0a"],
  ["aad", "", "imm8", "d5"],
  ["sysenter", "", "", "0f 34"],
  ["sysexit", "", "", "0f 35"],
  ["rsm", "", "", "0f aa"],
  ["mfence", "", "", "0f ae f0"],
  ["lfence", "", "", "0f ae e8"],
  ["sfence", "", "", "0f ae f8"],
  ["rdtscp", "", "", "0f 01 f9"],

  ["nop", "", "", "90"],
  ["hlt", "", "", "f4"],
  ["cli", "", "", "fa"],
  ["sti", "", "", "fb"],
  ["cld", "", "", "fc"],
  ["std", "", "", "fd"],
  ["clc", "", "", "f8"],
  ["stc", "", "", "f9"],
  ["cmc", "", "", "f5"],
  ["sahf", "", "", "9e"],
  ["lahf", "", "", "9f"],
  ["pause", "", "", "f3 90"],
  ["cpuid", "", "", "0f a2"],
  ["rdtsc", "", "", "0f 31"],
  ["rdmsr", "", "", "0f 32"],
  ["wrmsr", "", "", "0f 30"],
  ["rdpmc", "", "", "0f 33"],
  ["wbinvd", "", "", "0f 09"],
  ["invd", "", "", "0f 08"],
  ["clts", "", "", "0f 06"],
  ["ud2", "", "", "0f 0b"],
  ["xlat xlatb", "", "", "d7"],
  ["int1", "", "", "f1"],
  ["monitor", "", "", "0f 01 c8"],
  ["mwait", "", "", "0f 01 c9"],
  ["xgetbv", "", "", "0f 01 d0"],
  ["xsetbv", "", "", "0f 01 d1"],
  ["rdrand", "wl", "r", "0f c7 /6"],
  ["rdseed", "wl", "r", "0f c7 /7"],
  ["popcnt", "wl", "rm,r", "f3 0f b8 /r"],
  ["lzcnt", "wl", "rm,r", "f3 0f bd /r"],
  ["tzcnt", "wl", "rm,r", "f3 0f bc /r"],
  ["ud0", "wl", "rm,r", "0f ff /r"],
  ["movnti", "l", "r,m", "0f c3 /r", "n"],
  ["prefetchnta", "", "m", "0f 18 /0"],
  ["prefetcht0", "", "m", "0f 18 /1"],
  ["prefetcht1", "", "m", "0f 18 /2"],
  ["prefetcht2", "", "m", "0f 18 /3"],
  // The x87/SSE state a kernel saves and restores; the f* forms without n wait first (9b).
  ["fninit", "", "", "db e3"],
  ["finit", "", "", "9b db e3"],
  ["fnclex", "", "", "db e2"],
  ["fclex", "", "", "9b db e2"],
  ["fnop", "", "", "d9 d0"],
  ["emms", "", "", "0f 77"],
  ["fxsave", "", "m", "0f ae /0"],
  ["fxrstor", "", "m", "0f ae /1"],
  ["fnsave", "", "m", "dd /6"],
  ["fsave", "", "m", "9b dd /6"],
  ["frstor", "", "m", "dd /4"],
  ["fnstcw", "", "m", "d9 /7"],
  ["fstcw", "", "m", "9b d9 /7"],
  ["fldcw", "", "m", "d9 /5"],
  ["fnstsw", "", "acc16", "df e0"],
  ["fnstsw", "", "m", "dd /7"],
  ["fstsw", "", "acc16", "9b df e0"],
  ["fstsw", "", "m", "9b dd /7"],
  ["wait fwait", "", "", "9b"],
  ["aaa", "", "", "37"],
  ["aas", "", "", "3f"],
  ["daa", "", "", "27"],
  ["das", "", "", "2f"],

  ...X87_ROWS,

  ...CONDITIONS.flatMap((names, cc): Row[] =>
    names.flatMap((c): Row[] => [
      [`set${c}`, "", "rm8", `0f ${hex(0x90 + cc)} /0`],
      [`cmov${c}`, "wl", "rm,r", `0f ${hex(0x40 + cc)} /r`],
    ]),
  ),
];

function expand(row: Row): Form[] {
  const [names, sizes, operands, encoding, flags = ""] = row;
  const widths: OperandSize[] = sizes === "" ? [0] : [...sizes].map((s) => (s === "b" ? 8 : s === "w" ? 16 : 32));
  const bytes: number[] = [];
  let modrm: Form["modrm"] = null;
  let plusReg = false;
  for (const part of encoding.split(" ")) {
    if (part === "/r") modrm = "r";
    else if (/^\/[0-7]$/.test(part)) modrm = Number(part[1]);
    else if (part === "+r") plusReg = true;
    else bytes.push(Number.parseInt(part, 16));
  }
  const forms: Form[] = [];
  for (const mnemonic of names.split(" ")) {
    for (const size of widths) {
      const kinds = operands === "" ? [] : operands.split(",").map((k) => (["r", "rm", "acc", "imm", "*rm"].includes(k) ? k + size : k));
      forms.push({ mnemonic, size, kinds, opcode: bytes, modrm, plusReg, flags });
    }
  }
  return forms;
}

const FORMS = new Map<string, Form[]>();
for (const row of ROWS) {
  for (const form of expand(row)) {
    const list = FORMS.get(form.mnemonic) ?? [];
    list.push(form);
    FORMS.set(form.mnemonic, list);
  }
}

export function formsFor(mnemonic: string): Form[] | undefined {
  return FORMS.get(mnemonic);
}

/** Every mnemonic the table knows (without suffixes), for tests that walk the whole table. */
export function allMnemonics(): string[] {
  return [...FORMS.keys()];
}

/** Jumps and calls to a label: their encodings depend on relaxation (see relax.ts). */
export const CONDITION_CODES = new Map<string, number>(CONDITIONS.flatMap((names, cc) => names.map((c): [string, number] => [c, cc])));

/** Prefixes written as their own mnemonic (`rep movsb`, `lock; incl (%eax)`). */
export const PREFIXES = new Map<string, { slot: "seg" | "addr" | "data" | "rep" | "lock"; byte: number }>([
  ["lock", { slot: "lock", byte: 0xf0 }],
  ["rep", { slot: "rep", byte: 0xf3 }],
  ["repe", { slot: "rep", byte: 0xf3 }],
  ["repz", { slot: "rep", byte: 0xf3 }],
  ["repne", { slot: "rep", byte: 0xf2 }],
  ["repnz", { slot: "rep", byte: 0xf2 }],
  ["data16", { slot: "data", byte: 0x66 }],
  ["data32", { slot: "data", byte: 0x66 }],
  ["addr16", { slot: "addr", byte: 0x67 }],
  ["addr32", { slot: "addr", byte: 0x67 }],
  ["es", { slot: "seg", byte: 0x26 }],
  ["cs", { slot: "seg", byte: 0x2e }],
  ["ss", { slot: "seg", byte: 0x36 }],
  ["ds", { slot: "seg", byte: 0x3e }],
  ["fs", { slot: "seg", byte: 0x64 }],
  ["gs", { slot: "seg", byte: 0x65 }],
]);
