/* FNV-1a over a buffer: a byte load, xor and multiply per byte. */
void put_hex32(unsigned v);
void putc(unsigned c);

#define SIZE 16384u
static unsigned char buffer[SIZE];

static void fill(void) {
  unsigned x = 777;
  for (unsigned i = 0; i < SIZE; i++) {
    x = x * 1664525u + 1013904223u;
    buffer[i] = (unsigned char)(x >> 24);
  }
}

static unsigned fnv1a(const unsigned char *p, unsigned len) {
  unsigned hash = 2166136261u;
  for (unsigned i = 0; i < len; i++) {
    hash ^= p[i];
    hash *= 16777619u;
  }
  return hash;
}

int main(void) {
  fill();
  unsigned total = 0;
  for (unsigned round = 0; round < 16; round++) total ^= fnv1a(buffer + round, SIZE - round);
  put_hex32(total);
  putc(10);
  return 0;
}
