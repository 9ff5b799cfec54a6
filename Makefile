# Damselfly — the build's targets are its user interface. `make help` lists them.
#
# Host code (machine/ boot/ tools/) is TypeScript run through esbuild (tools/host/run-ts.mjs);
# guest code (kernel/ userland/ test images) is built into build/.

SHELL := bash
NODE  ?= node
DAMSELFLY := $(NODE) --enable-source-maps bin/damselfly.mjs
# The image `make run`, `make qemu` and `make gdb` boot. Overridable: make run KERNEL=path.elf
KERNEL ?= build/kernel.elf
SMP    ?= 4
MEM    ?= 128
APPEND ?=

DEPS_STAMP := node_modules/.package-lock.json

.PHONY: all deps build boot-image run test typecheck unit bench cpu-diff-sweep qemu gdb browser serve clean help

all: build

help:
	@echo "make          build everything that exists (build/)"
	@echo "make run      build, then boot $(KERNEL) (until it exists: the platform demo) in this terminal"
	@echo "make test     type-check host code and run every test (installs deps first)"
	@echo "make bench    benchmarks, as ratios against references measured in the same run"
	@echo "make cpu-diff-sweep IMAGES=n FROM=seed   long random CPU comparison with v86/QEMU"
	@echo "make qemu     boot the same image in qemu-system-i386"
	@echo "make gdb      boot held at the first instruction and attach gdb"
	@echo "make browser  bundle the machine and its web page (xterm.js, live CPU panel) into dist/web/"
	@echo "make serve    build the page and serve it on 127.0.0.1:$(WEBPORT)"
	@echo "make deps     install npm packages (npm ci) and the Debian packages the tests need"
	@echo "make clean    remove build/ and dist/"

deps:
	@bash tools/deps.sh

# Everything host-side needs node_modules; `make run` and `make test` work as the first
# commands on a fresh machine because they depend on this.
$(DEPS_STAMP): package.json package-lock.json
	@bash tools/deps.sh
	@touch $@

build: $(DEPS_STAMP) build/kernel.elf
	@mkdir -p build

# The kernel (kernel/**/*.ts + boot/kernel/*.S, see kernel/README.md); map in build/kernel.map.
KERNEL_SRCS := $(shell find kernel -name '*.ts') $(wildcard boot/kernel/*.S boot/kernel/*.ts boot/kernel/build.sh)
build/kernel.elf: $(DEPS_STAMP) $(KERNEL_SRCS)
	@bash boot/kernel/build.sh $@

# `make run` builds the kernel first (build depends on it). Until build/kernel.elf exists
# `make run` and `make qemu` boot the platform demo
# (test/platform/images/demo.S: every CPU greets, then the BSP echoes serial input; Ctrl-D exits).
DEMO_IMAGE := build/platform/demo.elf
BOOT_IMAGE = $(if $(or $(wildcard $(KERNEL)),$(filter-out build/kernel.elf,$(KERNEL))),$(KERNEL),$(DEMO_IMAGE))

boot-image: build
	@if [ "$(BOOT_IMAGE)" = "$(DEMO_IMAGE)" ]; then \
	  echo "make: $(KERNEL) is not built yet; booting the platform demo $(DEMO_IMAGE) (Ctrl-A x quits)"; \
	  $(NODE) test/platform/images/build-images.mjs demo; fi
	@test -f $(BOOT_IMAGE) || { echo "make: $(BOOT_IMAGE) does not exist"; exit 2; }

run: boot-image
	$(DAMSELFLY) -kernel $(BOOT_IMAGE) -smp $(SMP) -m $(MEM) -nographic $(if $(APPEND),-append "$(APPEND)")

typecheck: $(DEPS_STAMP)
	node_modules/.bin/tsc -p tsconfig.json

unit: $(DEPS_STAMP)
	node_modules/.bin/vitest run

test: deps build typecheck unit

# Benchmarks (tools/bench/): `make bench ONLY=cpubench`, `make bench BENCH_ARGS=--quick`.
# They build what they measure themselves, so a kernel that does not build blocks none of them.
bench: $(DEPS_STAMP)
	@mkdir -p build
	$(NODE) --enable-source-maps tools/bench/bench.mjs $(ONLY) $(BENCH_ARGS) --json build/bench/results.json

# A long CPU differential sweep (test/cpu-diff/), outside `make test`: 600 random cases per image.
IMAGES ?= 20
FROM   ?= 1000
cpu-diff-sweep: $(DEPS_STAMP)
	@mkdir -p build
	$(NODE) --enable-source-maps test/cpu-diff/sweep.mjs --images $(IMAGES) --from $(FROM)

qemu: boot-image
	qemu-system-i386 -kernel $(BOOT_IMAGE) -smp $(SMP) -m $(MEM) -nographic -no-reboot \
	  -device isa-debug-exit,iobase=0xf4,iosize=0x04 $(if $(APPEND),-append "$(APPEND)")

# make gdb: boot $(KERNEL) held at its first instruction (-S) with the gdb stub on
# 127.0.0.1:$(GDBPORT), and attach gdb with the image's symbols through a generated
# build/gdbinit. The machine runs in its own session (setsid) so Ctrl-C in gdb reaches gdb,
# which stops the CPUs, instead of killing the machine; it is killed when gdb exits.
# GDBFLAGS passes options to gdb (e.g. GDBFLAGS="-batch -ex 'info threads'").
GDBPORT  ?= 1234
GDBFLAGS ?=
gdb: build
	@test -f $(KERNEL) || { echo "make gdb: $(KERNEL) does not exist; build it first or pass KERNEL=path/to/image.elf"; exit 2; }
	@command -v gdb >/dev/null || { echo "make gdb: gdb is not installed; run make deps"; exit 2; }
	@printf '%s\n' "set pagination off" "file $(abspath $(KERNEL))" "set tcp connect-timeout 30" \
	  "target remote 127.0.0.1:$(GDBPORT)" > build/gdbinit
	@echo "make gdb: $(KERNEL) held at its first instruction; serial output in build/gdb-serial.log"
	@setsid $(DAMSELFLY) -kernel $(KERNEL) -smp $(SMP) -m $(MEM) -S -gdb tcp::$(GDBPORT) \
	  -serial file:build/gdb-serial.log $(if $(APPEND),-append "$(APPEND)") </dev/null & emu=$$!; \
	  trap 'kill $$emu 2>/dev/null; wait $$emu 2>/dev/null' EXIT; \
	  gdb -q -x build/gdbinit $(GDBFLAGS)

# The browser console boots the same default image as `make run`.
WEBPORT ?= 8086
browser: boot-image
	$(NODE) tools/host/run-ts.mjs boot/browser/build.ts $(BOOT_IMAGE) dist/web

serve: browser
	$(NODE) tools/host/run-ts.mjs boot/browser/serve.ts dist/web $(WEBPORT)

clean:
	rm -rf build dist
