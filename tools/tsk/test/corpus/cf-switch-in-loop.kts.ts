// @node
// continue inside a switch continues the loop; break leaves only the switch.
export function main(): i32 {
  let total: i32 = 0;
  for (let i: i32 = 0; i < 10; i++) {
    switch (i % 4) {
      case 0: continue;
      case 1: total += 1; break;
      case 2: total += 20; break;
      default: total += 300;
    }
    total += 1000;
  }
  put_i32(total); putc(10);
  return 0;
}
