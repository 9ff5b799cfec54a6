// The 16-bit ones'-complement Internet checksum over bytes (RFC 1071's example data).
// Words 0001 f203 f4f5 f6f7 sum to 2ddf0; folding the carry gives ddf2; complemented: 220d.
//| 220d
const DATA: FixedArray<u8, 8> = [0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7];
export function main(): i32 {
  let sum: u32 = 0;
  for (let i: i32 = 0; i < 8; i += 2) sum += (u32(DATA[i]) << 8) | DATA[i + 1];
  while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
  const ck: u32 = ~sum & 0xffff;
  const hex: string = "0123456789abcdef";
  for (let s: i32 = 12; s >= 0; s -= 4) putc(load<u8>(addr(hex) + ((ck >> s) & 15)));
  putc(10);
  return 0;
}
