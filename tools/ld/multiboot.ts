// Multiboot v1 (specification 0.6.96, section 3.1): a loader looks for the header in the
// first 8192 bytes of the file, 32-bit aligned, where magic + flags + checksum == 0 (mod
// 2^32). A kernel link that would produce an image no loader can boot is an error, not a
// surprise at boot time.
const MULTIBOOT_MAGIC = 0x1badb002;
const SEARCH_LIMIT = 8192;

/** File offset of the first valid Multiboot header, or undefined. */
export function findMultibootHeader(image: Uint8Array): number | undefined {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const limit = Math.min(SEARCH_LIMIT, image.length) - 12;
  for (let at = 0; at <= limit; at += 4) {
    if (view.getUint32(at, true) !== MULTIBOOT_MAGIC) continue;
    const flags = view.getUint32(at + 4, true);
    const checksum = view.getUint32(at + 8, true);
    if (((MULTIBOOT_MAGIC + flags + checksum) >>> 0) === 0) return at;
  }
  return undefined;
}
