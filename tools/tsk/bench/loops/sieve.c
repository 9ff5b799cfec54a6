/* Sieve of Eratosthenes over a byte array: indexed byte loads and stores in tight loops. */
void put_u32(unsigned v);
void putc(unsigned c);

#define N 65536u
static unsigned char composite[N];

static unsigned sieve(void) {
  for (unsigned i = 0; i < N; i++) composite[i] = 0;
  unsigned count = 0;
  for (unsigned p = 2; p < N; p++) {
    if (composite[p] == 0) {
      count++;
      for (unsigned m = p * p; m < N; m += p) composite[m] = 1;
    }
  }
  return count;
}

int main(void) {
  unsigned total = 0;
  for (int round = 0; round < 3; round++) total += sieve();
  put_u32(total);
  putc(10);
  return 0;
}
