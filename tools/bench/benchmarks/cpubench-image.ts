// A variant of the cpubench image whose writable data starts on its own 4 KiB page, built
// from the shared source with the shared build's compiler flags.
//
// Why: the shared image keeps its random seed (`seed`, 4 bytes of .data) on the same page as
// all of its code and stores it once per iteration. v86 drops every JIT module covering a
// page that is written, so with the shared image its JIT recompiles the whole benchmark in
// every iteration and never reaches a warm state; our machine tracks code in 64-byte lines
// and QEMU in finer ranges, so the store costs them nothing. The variant runs the same
// instructions (only the seed's address differs) and prints the same checksums, and shows
// what v86's JIT does when it is left warm.
//
// The variant is only trusted if this host's toolchain rebuilds the shared cpubench.elf byte
// for byte with the shared link script: then the code in both images is the same.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

/** The flags of the shared build.sh (checked by rebuilding the shared image identically). */
const CFLAGS = ["-O2", "-m32", "-march=i686", "-mno-sse", "-ffreestanding", "-fno-pic", "-fno-stack-protector", "-nostdlib"];
const LDFLAGS = ["-m", "elf_i386", "--no-warn-rwx-segments", "-z", "noexecstack"];

/** Our link script, by its place in the repository (the bench runs from a bundle elsewhere). */
function dataPageScript(root: string): string {
  return path.join(root, "tools", "bench", "benchmarks", "cpubench-datapage.ld");
}

/**
 * Build the data-page variant of `sharedDir`'s cpubench into `outDir`; its path, or one
 * sentence saying why there is none.
 */
export function buildDataPageVariant(root: string, sharedDir: string, outDir: string): { image: string } | { why: string } {
  mkdirSync(outDir, { recursive: true });
  // Objects in a directory of this process's own: several people may run the bench at once.
  const work = mkdtempSync(path.join(outDir, "build-"));
  try {
    const built = buildIn(root, sharedDir, work);
    if ("why" in built) return built;
    const image = path.join(outDir, "cpubench-datapage.elf");
    renameSync(built.image, image); // atomic: a concurrent run reads the old or the new image
    return { image };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function buildIn(root: string, sharedDir: string, work: string): { image: string } | { why: string } {
  const obj = (n: string) => path.join(work, n);
  const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { stdio: ["ignore", "ignore", "pipe"] });
  try {
    run("gcc", [...CFLAGS, "-c", path.join(sharedDir, "cpubench.c"), "-o", obj("cpubench.o")]);
    run("gcc", ["-m32", "-c", path.join(sharedDir, "boot.S"), "-o", obj("boot.o")]);
    run("ld", [...LDFLAGS, "-T", path.join(sharedDir, "link.ld"), "-o", obj("rebuilt.elf"), obj("boot.o"), obj("cpubench.o")]);
  } catch (e) {
    const err = e as { code?: string; stderr?: Buffer; message?: string };
    return { why: `could not rebuild cpubench (needs gcc with -m32 support and GNU ld): ${err.code === "ENOENT" ? "tool not found" : err.stderr?.toString().trim() || err.message}` };
  }
  if (!readFileSync(obj("rebuilt.elf")).equals(readFileSync(path.join(sharedDir, "cpubench.elf")))) {
    return { why: "this host's gcc/ld does not rebuild the shared cpubench.elf byte for byte, so a variant would not run the same code" };
  }
  const image = obj("cpubench-datapage.elf");
  try {
    run("ld", [...LDFLAGS, "-T", dataPageScript(root), "-o", image, obj("boot.o"), obj("cpubench.o")]);
  } catch (e) {
    return { why: `could not link the data-page variant: ${(e as { stderr?: Buffer }).stderr?.toString().trim() ?? String(e)}` };
  }
  return { image };
}
