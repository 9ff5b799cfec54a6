/* Kernel-like C for the assembler tests: gcc -m32 -S turns it into the kind of assembly a
 * compiler writes (jump tables, string literals, local statics, 64-bit arithmetic), which
 * tsk-as must assemble exactly as GNU as does. */
#include <stdint.h>
struct node { struct node *next; uint32_t key; uint64_t val; char name[12]; };
static struct node pool[64];
static int used;
extern void putc_(int c);
static const char *names[] = { "zero", "one", "two", "three", "four", "five" };
int classify(int x) {
  switch (x) {
  case 0: return 10; case 1: return 21; case 2: return 32; case 3: return 43;
  case 4: return 54; case 5: return 65; case 6: return 76; case 7: return 87;
  default: return -1;
  }
}
uint64_t mix(uint64_t a, uint64_t b) { return (a * 0x9E3779B97F4A7C15ull) ^ (b >> 7) ^ (a / (b | 1)); }
struct node *alloc(uint32_t key) {
  if (used >= 64) return 0;
  struct node *n = &pool[used++];
  n->key = key; n->val = mix(key, used); n->next = 0;
  for (int i = 0; i < 11; i++) n->name[i] = names[key % 6][i % 4];
  return n;
}
uint32_t fnv(const uint8_t *p, uint32_t len) { uint32_t h = 2166136261u; while (len--) h = (h ^ *p++) * 16777619u; return h; }
uint16_t csum(const uint16_t *p, int n) { uint32_t s = 0; for (int i = 0; i < n; i++) s += p[i]; while (s >> 16) s = (s & 0xffff) + (s >> 16); return ~s; }
int sieve(uint8_t *flags, int n) { int c = 0; for (int i = 2; i < n; i++) { if (!flags[i]) { c++; for (int j = i * 2; j < n; j += i) flags[j] = 1; } } return c; }
void puts_(const char *s) { while (*s) putc_(*s++); }
int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }
int64_t sdiv(int64_t a, int64_t b) { return a / b + a % b; }
