// A free-list allocator: pop and push 16-byte nodes linked through their first word.
const NODES: u32 = 1024;
const HELD: u32 = 512;
let pool: FixedArray<u32, 4096> = [];
let held: FixedArray<usize, 512> = [];
let freeHead: usize = 0;

function initPool(): void {
  freeHead = 0;
  for (let i: u32 = 0; i < NODES; i++) {
    const node: usize = addressof(pool[0]) + i * 16;
    store<usize>(node, freeHead);
    freeHead = node;
  }
}

function alloc(): usize {
  const node = freeHead;
  if (node !== 0) freeHead = load<usize>(node);
  return node;
}

function release(node: usize): void {
  store<usize>(node, freeHead);
  freeHead = node;
}

export function main(): i32 {
  initPool();
  let sum: u32 = 0;
  for (let round: u32 = 0; round < 200; round++) {
    for (let i: u32 = 0; i < HELD; i++) {
      const node = alloc();
      store<u32>(node + 4, i + round);
      held[i] = node;
    }
    for (let i: u32 = 0; i < HELD; i++) {
      const node = held[(i * 7) & (HELD - 1)];
      sum += load<u32>(node + 4);
      release(node);
    }
  }
  put_u32(sum);
  putc(10);
  return 0;
}
