// init.ts: the LWKT entry points kern/main.ts calls, in boot order.
import { lwkt_init_bsp, lwkt_init_cpus } from "./thread.ts";
import { lwkt_ipiq_init } from "./ipiq.ts";
import { lwkt_console_init } from "./lwkt_console.ts";
import { lwkt_intr_return } from "./crit.ts";
import { intr_set_return_hook } from "../kern/trap.ts";

/** Boot CPU, right after its %fs works: kernel_main becomes thread0 ("main"). */
export function lwkt_boot(): void {
  lwkt_init_bsp();
  intr_set_return_hook(lwkt_intr_return);
}

/** Boot CPU, once the CPUs are known and before the APs start: idle threads, IPI rings. */
export function lwkt_smp_boot(): void {
  lwkt_init_cpus();
  lwkt_ipiq_init();
  lwkt_console_init();
}
