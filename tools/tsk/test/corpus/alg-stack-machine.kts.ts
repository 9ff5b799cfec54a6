// @node
// A tiny stack-machine interpreter: programs as arrays of opcodes, a switch dispatch.
const PUSH = 1, ADD = 2, MUL = 3, DUP = 4, SWAP = 5, PRINT = 6, HALT = 7;
const CODE: FixedArray<i32, 16> = [PUSH, 6, PUSH, 7, MUL, DUP, PRINT, PUSH, 8, SWAP, PRINT, ADD, PRINT, HALT, 0, 0];
let stack: FixedArray<i32, 8> = [];
export function main(): i32 {
  let sp: i32 = 0, pc: i32 = 0;
  for (;;) {
    const op: i32 = CODE[pc++];
    switch (op) {
      case PUSH: stack[sp++] = CODE[pc++]; break;
      case ADD: sp--; stack[sp - 1] = stack[sp - 1] + stack[sp]; break;
      case MUL: sp--; stack[sp - 1] = stack[sp - 1] * stack[sp]; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case SWAP: { const t: i32 = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
      case PRINT: put_i32(stack[sp - 1]); putc(10); break;
      case HALT: return sp;
    }
  }
}
