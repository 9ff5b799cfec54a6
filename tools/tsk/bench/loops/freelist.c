/* A free-list allocator: pop and push 16-byte nodes linked through their first word. */
void put_u32(unsigned v);
void putc(unsigned c);

#define NODES 1024u
#define HELD 512u
static unsigned pool[4096];
static unsigned *held[HELD];
static unsigned *free_head;

static void init_pool(void) {
  free_head = 0;
  for (unsigned i = 0; i < NODES; i++) {
    unsigned *node = &pool[i * 4];
    *(unsigned **)node = free_head;
    free_head = node;
  }
}

static unsigned *alloc(void) {
  unsigned *node = free_head;
  if (node != 0) free_head = *(unsigned **)node;
  return node;
}

static void release(unsigned *node) {
  *(unsigned **)node = free_head;
  free_head = node;
}

int main(void) {
  init_pool();
  unsigned sum = 0;
  for (unsigned round = 0; round < 200; round++) {
    for (unsigned i = 0; i < HELD; i++) {
      unsigned *node = alloc();
      node[1] = i + round;
      held[i] = node;
    }
    for (unsigned i = 0; i < HELD; i++) {
      unsigned *node = held[(i * 7) & (HELD - 1)];
      sum += node[1];
      release(node);
    }
  }
  put_u32(sum);
  putc(10);
  return 0;
}
