// spinlock.ts: a test-and-set spin lock with interrupts disabled while held. Used only
// below the LWKT layer (console output, boot paths); LWKT code uses critical sections and
// tokens instead. spin_lock_irq saves EFLAGS.IF so it nests inside interrupt handlers.

export class Spinlock {
  locked: u32 = 0;
  /** EFLAGS of the holder before it disabled interrupts. */
  saved_eflags: u32 = 0;
}

const EFLAGS_IF: u32 = 0x200;

export function spin_lock_irq(lk: Spinlock): void {
  const eflags: u32 = read_eflags();
  cli();
  while (xchg(addressof(lk.locked), 1) != 0) {
    // Spin on a plain read: the xchg's locked bus cycle is only retried once the lock looks free.
    while (lk.locked != 0) pause();
  }
  lk.saved_eflags = eflags;
}

export function spin_unlock_irq(lk: Spinlock): void {
  const eflags: u32 = lk.saved_eflags;
  barrier();
  xchg(addressof(lk.locked), 0);
  if ((eflags & EFLAGS_IF) != 0) sti();
}

/** Give up the lock no matter who holds it (panic: the holder may never come back). */
export function spin_break(lk: Spinlock): void {
  xchg(addressof(lk.locked), 0);
}
