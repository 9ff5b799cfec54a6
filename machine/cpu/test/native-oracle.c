/*
 * The native judge for CPU unit tests: runs 32-bit x86 snippets on the host processor and
 * reports the registers, EFLAGS and a scratch buffer afterwards. Built by oracle.ts with
 * `gcc -m32 -static`. Protocol (little-endian, stdin -> stdout), repeated until EOF:
 *   in:  u32 code_len, code bytes (a snippet ending in `ret`), 8 x u32 registers
 *        (EAX ECX EDX EBX ESP-ignored EBP ESI EDI), u32 eflags, 64 scratch bytes
 *   out: 8 x u32 registers (ESP as a delta from its value at entry), u32 eflags, 64 bytes
 * Scratch memory sits at SCRATCH and code at CODE, the same addresses the emulator uses.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SCRATCH 0x00200000u
#define CODE 0x00300000u

struct state { uint32_t r[8]; uint32_t eflags; };

struct state st;
uint32_t code_ptr, saved_esp, entry_esp, tmp_eax, tmp_flags;

void run_case(void);
__asm__(
    ".text\n.globl run_case\nrun_case:\n"
    "  pushal\n"
    "  movl %esp, saved_esp\n"
    "  pushl st+32\n"
    "  popfl\n"
    "  movl st+4, %ecx\n  movl st+8, %edx\n  movl st+12, %ebx\n"
    "  movl st+20, %ebp\n  movl st+24, %esi\n  movl st+28, %edi\n"
    "  movl st+0, %eax\n"
    "  movl %esp, entry_esp\n"
    "  call *code_ptr\n"
    "  pushfl\n  popl tmp_flags\n"
    "  movl %eax, st+0\n  movl %ecx, st+4\n  movl %edx, st+8\n  movl %ebx, st+12\n"
    "  movl %esp, st+16\n  movl %ebp, st+20\n  movl %esi, st+24\n  movl %edi, st+28\n"
    "  movl saved_esp, %esp\n"
    "  cld\n"
    "  popal\n"
    "  ret\n");

static int read_all(void *p, size_t n) {
  uint8_t *b = p;
  while (n > 0) {
    ssize_t k = read(0, b, n);
    if (k <= 0) return 0;
    b += k;
    n -= (size_t)k;
  }
  return 1;
}

int main(void) {
  uint8_t *scratch = mmap((void *)SCRATCH, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  uint8_t *code = mmap((void *)CODE, 65536, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (scratch != (void *)SCRATCH || code != (void *)CODE) {
    fprintf(stderr, "native-oracle: cannot map scratch/code at fixed addresses\n");
    return 1;
  }
  for (;;) {
    uint32_t len;
    if (!read_all(&len, 4)) return 0;
    if (len > 65536 || !read_all(code, len) || !read_all(st.r, 32) || !read_all(&st.eflags, 4) || !read_all(scratch, 64)) {
      fprintf(stderr, "native-oracle: truncated input\n");
      return 1;
    }
    code_ptr = CODE;
    run_case();
    /* ESP after the snippet's ret, relative to ESP just before the call */
    st.r[4] = st.r[4] - entry_esp;
    st.eflags = tmp_flags;
    fwrite(st.r, 4, 8, stdout);
    fwrite(&st.eflags, 4, 1, stdout);
    fwrite(scratch, 1, 64, stdout);
    fflush(stdout);
  }
}
