// A synthetic KTS program of a requested size, for measuring compile speed: blocks of
// kernel-like code (a struct, a table, loops, a switch, calls across blocks), each block
// with its own names, ending in a main() that calls through every block. It means the same
// in JavaScript (no overflow), so its output is checkable by the Node shim.
export function synthesizeKtsProgram(targetLines: number): { text: string; lines: number; blocks: number } {
  const blocks: string[] = [];
  let lines = 0;
  for (let k = 0; lines < targetLines - 8; k++) {
    const block = `class Rec${k} { a: i32 = 0; b: u32 = 0; next: Rec${k} | null = null; }
const rec${k} = new Rec${k}();
let table${k}: FixedArray<i32, 8> = [1, 2, 3, 4, 5, 6, 7, ${k % 50}];
function step${k}(x: i32, y: i32): i32 {
  let s: i32 = 0;
  for (let i: i32 = 0; i < 8; i++) {
    if (table${k}[i] > x) s += table${k}[i] * y;
    else s -= i;
  }
  switch (x % 4) {
    case 0: s += 1; break;
    case 1: s += 2; break;
    case 2: s += 3; break;
    default: s += 4;
  }
  return s;
}
function walk${k}(n: i32): i32 {
  rec${k}.a = n;
  rec${k}.b = u32(n) + ${k};
  let acc: i32 = 0;
  let i: i32 = 0;
  while (i < n) {
    acc = acc + step${k}(i, 2) % 1000;
    if (acc > 100000) acc = acc - 100000;
    i++;
  }
  return acc + rec${k}.a;
}
function chain${k}(): i32 {
  const here: i32 = walk${k}(3) + i32(rec${k}.b % 7);
  return ${k === 0 ? "here" : `(here + chain${k - 1}()) % 100000`};
}
`;
    blocks.push(block);
    lines += block.split("\n").length - 1;
  }
  const n = blocks.length;
  const main = `export function main(): i32 {
  put_i32(chain${n - 1}());
  putc(10);
  return 0;
}
`;
  const text = `// Synthetic compile-speed program: ${n} blocks.\n${blocks.join("")}${main}`;
  return { text, lines: text.split("\n").length - 1, blocks: n };
}
