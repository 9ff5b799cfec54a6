// An ELF string table built the way BFD builds one: each distinct name once, in the order
// names were first added, except that a name which is the tail of a longer name is not
// stored again but points into the longer one (".text" inside ".rel.text").

export interface StringTable {
  bytes: Uint8Array;
  offsetOf(name: string): number;
}

const encoder = new TextEncoder();

export function buildStringTable(names: string[]): StringTable {
  const distinct = [...new Set(names.filter((n) => n !== ""))];
  const encoded = new Map(distinct.map((n) => [n, encoder.encode(n)] as const));
  // Sort by the reversed string so that every name sits next to the names ending with it,
  // then let each name merge into the longest name it is a tail of.
  const byReversed = [...distinct].sort((a, b) => compareReversed(encoded.get(a)!, encoded.get(b)!));
  const host = new Map<string, string>();
  let longest = byReversed[byReversed.length - 1];
  for (let i = byReversed.length - 2; i >= 0; i--) {
    const name = byReversed[i];
    if (longest !== undefined && isTail(encoded.get(name)!, encoded.get(longest)!)) host.set(name, longest);
    else longest = name;
  }
  const offsets = new Map<string, number>();
  const parts: Uint8Array[] = [new Uint8Array(1)];
  let size = 1;
  for (const name of distinct) {
    if (host.has(name)) continue;
    offsets.set(name, size);
    parts.push(encoded.get(name)!, new Uint8Array(1));
    size += encoded.get(name)!.length + 1;
  }
  for (const [name, h] of host) offsets.set(name, offsets.get(h)! + encoded.get(h)!.length - encoded.get(name)!.length);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return {
    bytes,
    offsetOf: (name) => (name === "" ? 0 : offsets.get(name) ?? 0),
  };
}

function compareReversed(a: Uint8Array, b: Uint8Array): number {
  for (let i = a.length - 1, j = b.length - 1; i >= 0 && j >= 0; i--, j--) {
    if (a[i] !== b[j]) return a[i] - b[j];
  }
  return a.length - b.length;
}

/** Is `short` a proper tail of `long`? */
function isTail(short: Uint8Array, long: Uint8Array): boolean {
  if (short.length >= long.length) return false;
  const start = long.length - short.length;
  for (let i = 0; i < short.length; i++) if (long[start + i] !== short[i]) return false;
  return true;
}
