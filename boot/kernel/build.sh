#!/usr/bin/env bash
# Builds the kernel image: kernel/**/*.ts (one tsk compile from kernel/kern/main.ts, which
# imports the rest), the .S files here, and the compiler's runtime (memcpy/memset, 64-bit
# division), linked with tsk-ld's kernel layout. The image is linked twice: the first link
# gives the addresses for the symbol table (mkksyms), the second links that table into
# .rodata; .text precedes .rodata, so no code address moves (checked below).
#   boot/kernel/build.sh [OUT.elf]      (default build/kernel.elf; run from the repository root)
set -euo pipefail
# TSK/TSK_AS/TSK_LD: another build of the tools (e.g. a known-good checkout) may be named.
TSK=${TSK:-node bin/tsk.mjs}
TSK_AS=${TSK_AS:-node bin/tsk-as.mjs}
TSK_LD=${TSK_LD:-node bin/tsk-ld.mjs}
out=${1:-build/kernel.elf}
mkdir -p build "$(dirname "$out")"
# Several test files (and engineers) may ask make for the kernel at once: one build at a
# time, each in its own object folder, the image published by rename.
exec 9>build/.kernel-build.lock
flock 9
obj=$(mktemp -d build/kernel-obj.XXXXXX)
trap 'rm -rf "$obj"' EXIT

$TSK kernel/kern/main.ts -o "$obj/kernel.o"
objs=("$obj/kernel.o")
for src in boot/kernel/entry.S boot/kernel/vectors.S boot/kernel/cpufunc.S kernel/lwkt/switch.S \
           tools/tsk/runtime/memory.S tools/tsk/runtime/int64-divide.S; do
  o="$obj/$(basename "$src" .S).o"
  $TSK_AS --32 "$src" -o "$o"
  objs+=("$o")
done

mkksyms() { node -e 'import("./tools/host/run-ts.mjs").then(async (m) => { const k = await m.runTs("boot/kernel/mkksyms.ts"); process.exitCode = k.main(process.argv.slice(1)); })' -- "$@"; }

mkksyms -o "$obj/ksyms0.S"
$TSK_AS --32 "$obj/ksyms0.S" -o "$obj/ksyms0.o"
$TSK_LD --kernel -o "$obj/pass1.elf" "${objs[@]}" "$obj/ksyms0.o"

mkksyms "$obj/pass1.elf" -o "$obj/ksyms.S"
$TSK_AS --32 "$obj/ksyms.S" -o "$obj/ksyms.o"
$TSK_LD --kernel -o "$obj/kernel.elf" -Map "${out%.elf}.map" "${objs[@]}" "$obj/ksyms.o"

# The table must describe the final image: regenerate from it and compare.
mkksyms "$obj/kernel.elf" -o "$obj/ksyms-check.S"
cmp -s "$obj/ksyms.S" "$obj/ksyms-check.S" || { echo "build.sh: code addresses moved between the two links" >&2; exit 1; }
mv "$obj/kernel.elf" "$out"
echo "built $out"
