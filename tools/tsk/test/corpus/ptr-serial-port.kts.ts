// Port I/O: polling the UART's line status register, then writing COM1's data port, as a
// driver does; the bytes appear in the same output as putc's.
//| OK
//| done
function serialPutc(c: u8): void {
  while ((inb(0x3fd) & 0x20) == 0) pause();
  outb(0x3f8, c);
}
export function main(): i32 {
  serialPutc(79); serialPutc(75); serialPutc(10);
  puts("done\n");
  return 0;
}
