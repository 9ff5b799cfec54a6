// Hex and byte-string helpers shared by the protocol files.
//
// Packet payloads are handled as "byte strings": one JS character per byte (code 0..255), so
// binary packets (X, qXfer replies) survive untouched and no Node Buffer is needed — the
// protocol core must also run in a browser.

const HEX_DIGITS = "0123456789abcdef";

/** Byte string -> bytes. Characters above 0xff cannot occur in a byte string. */
export function bytesOf(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Bytes -> byte string. Chunked so a large buffer does not overflow the argument limit. */
export function stringOf(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 8192)));
  }
  return s;
}

/** Bytes -> lowercase hex, two digits per byte, in memory order. */
export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += HEX_DIGITS[b >> 4]! + HEX_DIGITS[b & 15]!;
  return s;
}

/** Text (UTF-8) -> hex, for qRcmd output, O packets and qThreadExtraInfo. */
export function textToHex(text: string): string {
  return toHex(new TextEncoder().encode(text));
}

/** Hex -> bytes; undefined when the length is odd or a character is not a hex digit. */
export function fromHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}

/** Hex -> text (UTF-8), undefined when not hex. */
export function hexToText(hex: string): string | undefined {
  const bytes = fromHex(hex);
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}

/**
 * A hex number as gdb writes addresses and lengths (big-endian digits, no prefix), limited to
 * 32 bits: this is a 32-bit machine, and a larger value is a malformed request, not a wrap.
 */
export function parseHexNumber(s: string): number | undefined {
  if (!/^[0-9a-fA-F]{1,16}$/.test(s)) return undefined;
  const v = parseInt(s, 16);
  return v > 0xffffffff ? undefined : v;
}

/** A 32-bit value as 8 hex digits in little-endian byte order (register contents). */
export function le32Hex(value: number): string {
  const v = value >>> 0;
  return toHex(new Uint8Array([v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, v >>> 24]));
}

/** Two-digit hex of a byte, as in stop replies (`T05`) and checksums. */
export function hex2(value: number): string {
  return HEX_DIGITS[(value >> 4) & 15]! + HEX_DIGITS[value & 15]!;
}
