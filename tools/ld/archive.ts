// `ar` archives (static libraries) as GNU ld reads them: the common Unix format with GNU's
// long-name table ("//") and symbol index ("/"). Members are not linked wholesale: the link
// pulls a member only when it defines a symbol that is still undefined (see link.ts).
import { LinkError } from "./errors.ts";

const MAGIC = "!<arch>\n";
const THIN_MAGIC = "!<thin>\n";
const HEADER_SIZE = 60;

export interface ArchiveMember {
  /** "libk.a(string.o)", the way GNU ld names a member in messages. */
  name: string;
  data: Uint8Array;
}

function ascii(data: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end && i < data.length; i++) s += String.fromCharCode(data[i]!);
  return s;
}

export function isArchive(data: Uint8Array): boolean {
  const head = ascii(data, 0, 8);
  return head === MAGIC || head === THIN_MAGIC;
}

/** The object members of an archive, in archive order. */
export function readArchive(fileName: string, data: Uint8Array): ArchiveMember[] {
  if (ascii(data, 0, 8) === THIN_MAGIC) throw new LinkError(`${fileName}: thin archives are not supported; build it without T`);
  const members: ArchiveMember[] = [];
  let longNames = "";
  let at = MAGIC.length;
  while (at < data.length) {
    if (at + HEADER_SIZE > data.length) throw new LinkError(`${fileName}: truncated archive (member header at offset ${at} is cut off)`);
    const rawName = ascii(data, at, at + 16).trimEnd();
    const sizeText = ascii(data, at + 48, at + 58).trim();
    if (ascii(data, at + 58, at + 60) !== "`\n" || !/^\d+$/.test(sizeText)) {
      throw new LinkError(`${fileName}: malformed archive member header at offset ${at}`);
    }
    const size = Number(sizeText);
    const start = at + HEADER_SIZE;
    if (start + size > data.length) throw new LinkError(`${fileName}: archive member at offset ${at} (size ${size}) extends past the end of the file`);
    const body = data.subarray(start, start + size);
    if (rawName === "//") {
      longNames = ascii(body, 0, body.length);
    } else if (rawName !== "/" && rawName !== "/SYM64/" && rawName !== "__.SYMDEF" && rawName !== "__.SYMDEF SORTED") {
      let name: string;
      if (/^\/\d+$/.test(rawName)) {
        const offset = Number(rawName.slice(1));
        const end = longNames.indexOf("\n", offset);
        name = longNames.slice(offset, end < 0 ? undefined : end).replace(/\/$/, "");
      } else {
        name = rawName.replace(/\/$/, "");
      }
      members.push({ name: `${fileName}(${name})`, data: body });
    }
    at = start + size + (size & 1);
  }
  return members;
}
