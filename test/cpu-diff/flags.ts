// EFLAGS bits and the condition codes, as the generator needs them: which flags an
// instruction reads, leaves defined, or leaves undefined (Intel SDM vol. 2, "Flags Affected").

export const CF = 0x001;
export const PF = 0x004;
export const AF = 0x010;
export const ZF = 0x040;
export const SF = 0x080;
export const TF = 0x100;
export const IF = 0x200;
export const DF = 0x400;
export const OF = 0x800;

/** The six status flags. */
export const STATUS = CF | PF | AF | ZF | SF | OF;
/** EFLAGS bit 1 reads as 1 on every IA-32 processor. */
export const EFLAGS_FIXED = 0x002;

export interface ConditionCode {
  /** GNU as suffix: `j${cc}`, `set${cc}`, `cmov${cc}`. */
  cc: string;
  reads: number;
}

export const CONDITIONS: readonly ConditionCode[] = [
  { cc: "o", reads: OF }, { cc: "no", reads: OF },
  { cc: "b", reads: CF }, { cc: "ae", reads: CF },
  { cc: "e", reads: ZF }, { cc: "ne", reads: ZF },
  { cc: "be", reads: CF | ZF }, { cc: "a", reads: CF | ZF },
  { cc: "s", reads: SF }, { cc: "ns", reads: SF },
  { cc: "p", reads: PF }, { cc: "np", reads: PF },
  { cc: "l", reads: SF | OF }, { cc: "ge", reads: SF | OF },
  { cc: "le", reads: ZF | SF | OF }, { cc: "g", reads: ZF | SF | OF },
];

/** "CF ZF" style text for a flag set, for failure messages. */
export function flagNames(bits: number): string {
  const names: [number, string][] = [[CF, "CF"], [PF, "PF"], [AF, "AF"], [ZF, "ZF"], [SF, "SF"], [TF, "TF"], [IF, "IF"], [DF, "DF"], [OF, "OF"]];
  const out = names.filter(([b]) => (bits & b) !== 0).map(([, n]) => n);
  const other = bits & ~names.reduce((a, [b]) => a | b, 0);
  if (other !== 0) out.push(`other:0x${(other >>> 0).toString(16)}`);
  return out.length === 0 ? "none" : out.join(" ");
}
