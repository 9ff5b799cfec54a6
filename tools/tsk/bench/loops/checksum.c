/* The Internet checksum: 16-bit ones-complement sum over a buffer, folded at the end. */
void put_u32(unsigned v);
void putc(unsigned c);

#define SIZE 16384u
static unsigned char buffer[SIZE];

static void fill(void) {
  unsigned x = 12345;
  for (unsigned i = 0; i < SIZE; i++) {
    x = x * 1103515245u + 12345u;
    buffer[i] = (unsigned char)(x >> 16);
  }
}

static unsigned checksum(const unsigned char *p, unsigned len) {
  unsigned sum = 0;
  while (len > 1) {
    sum += *(const unsigned short *)p;
    p += 2;
    len -= 2;
  }
  while ((sum >> 16) != 0) sum = (sum & 0xffff) + (sum >> 16);
  return ~sum & 0xffff;
}

int main(void) {
  fill();
  unsigned total = 0;
  for (int round = 0; round < 16; round++) total += checksum(buffer, SIZE - (unsigned)round * 2);
  put_u32(total);
  putc(10);
  return 0;
}
