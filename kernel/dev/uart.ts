// uart.ts: the 16550 UART on COM1 (0x3F8, ISA IRQ 4), the kernel console's line.
// Output is polled (wait for THR empty), which is also what a panic needs; input is
// interrupt-driven into a ring buffer once uart_intr_enable() routes IRQ 4, and polled
// before that (uart_poll_rx). Register map from the National PC16550D data sheet.

const COM1: u32 = 0x3f8;
const UART_RBR: u32 = 0; //  receive buffer (read, DLAB=0)
const UART_THR: u32 = 0; //  transmit holding (write, DLAB=0)
const UART_DLL: u32 = 0; //  divisor latch low (DLAB=1)
const UART_IER: u32 = 1; //  interrupt enable (DLAB=0)
const UART_IER_RDA: u32 = 0x01; // received data available
const UART_DLM: u32 = 1; //  divisor latch high (DLAB=1)
const UART_FCR: u32 = 2; //  FIFO control (write)
const UART_LCR: u32 = 3; //  line control
const UART_LCR_8N1: u32 = 0x03;
const UART_LCR_DLAB: u32 = 0x80;
const UART_MCR: u32 = 4; //  modem control
const UART_MCR_DTR_RTS_OUT2: u32 = 0x0b; // OUT2 gates the IRQ line on PC hardware
const UART_LSR: u32 = 5; //  line status
const UART_LSR_DR: u32 = 0x01; //   data ready
const UART_LSR_THRE: u32 = 0x20; // transmit holding register empty

const RX_RING_SIZE: u32 = 256;
let rx_ring: FixedArray<u8, 256> = [];
let rx_head: u32 = 0; // written by the interrupt handler
let rx_tail: u32 = 0; // written by the reader
let rx_dropped: u32 = 0;
let uart_present: bool = false;

export function uart_init(): void {
  outb(COM1 + UART_IER, 0);
  outb(COM1 + UART_LCR, UART_LCR_DLAB);
  outb(COM1 + UART_DLL, 1); // 115200 baud
  outb(COM1 + UART_DLM, 0);
  outb(COM1 + UART_LCR, UART_LCR_8N1);
  outb(COM1 + UART_FCR, 0x07); // FIFO on, both cleared, trigger at 1 byte
  outb(COM1 + UART_MCR, UART_MCR_DTR_RTS_OUT2);
  // A missing UART reads all-ones; then output is dropped instead of spinning forever.
  uart_present = inb(COM1 + UART_LSR) != 0xff;
}

export function uart_putc(c: u32): void {
  if (!uart_present) return;
  let spins: u32 = 0;
  while ((inb(COM1 + UART_LSR) & UART_LSR_THRE) == 0 && spins < 1000000) {
    pause();
    spins++;
  }
  outb(COM1 + UART_THR, c & 0xff);
}

/** Receive interrupts on: called once IRQ 4 is routed to a vector with uart_intr as handler. */
export function uart_intr_enable(): void {
  outb(COM1 + UART_IER, UART_IER_RDA);
}

function rx_push(c: u32): void {
  const next: u32 = (rx_head + 1) % RX_RING_SIZE;
  if (next == rx_tail) {
    rx_dropped++;
    return;
  }
  rx_ring[rx_head] = u8(c);
  barrier();
  rx_head = next;
}

/** Move every byte the UART holds into the ring (interrupt handler, and the polled path). */
export function uart_poll_rx(): void {
  if (!uart_present) return;
  while ((inb(COM1 + UART_LSR) & UART_LSR_DR) != 0) rx_push(inb(COM1 + UART_RBR));
}

/** Next received byte, or -1 when none is waiting. Single reader (the console). */
export function uart_getc(): i32 {
  if (rx_tail == rx_head) return -1;
  const c: i32 = rx_ring[rx_tail];
  barrier();
  rx_tail = (rx_tail + 1) % RX_RING_SIZE;
  return c;
}

export function uart_rx_pending(): bool {
  return rx_tail != rx_head;
}
