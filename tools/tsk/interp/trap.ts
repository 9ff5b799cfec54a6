// How a KBC program stops abnormally: a trap (README.md in tools/tsk/kbc lists the cases).
export class KbcTrap extends Error {
  /** The function executing when the trap happened, filled in as the trap leaves it. */
  where?: string;
  /** The source line of the op that trapped, when the function carries line numbers. */
  line?: number;
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const DIVIDE_ERROR = "integer divide error";
