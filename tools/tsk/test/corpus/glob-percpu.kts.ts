// @node
// A per-CPU global (one CPU here) behaves like a global to the code that uses it.
/** @percpu */
let cpuTicks: u32 = 0;
/** @percpu */
let cpuName: string = "cpu0";
function tick(): void { cpuTicks++; }
export function main(): i32 {
  for (let i: i32 = 0; i < 5; i++) tick();
  puts(cpuName); putc(32); put_u32(cpuTicks); putc(10);
  return 0;
}
