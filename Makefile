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

.PHONY: all deps build run test typecheck unit bench qemu gdb clean help

all: build

help:
	@echo "make          build everything that exists (build/)"
	@echo "make run      build, then boot $(KERNEL) in this terminal (-smp $(SMP) -m $(MEM))"
	@echo "make test     type-check host code and run every test (installs deps first)"
	@echo "make bench    benchmarks, as ratios against references measured in the same run"
	@echo "make qemu     boot the same image in qemu-system-i386"
	@echo "make gdb      boot held at the first instruction and attach gdb"
	@echo "make deps     install npm packages (npm ci) and the Debian packages the tests need"
	@echo "make clean    remove build/ and dist/"

deps:
	@bash tools/deps.sh

# Everything host-side needs node_modules; `make run` and `make test` work as the first
# commands on a fresh machine because they depend on this.
$(DEPS_STAMP): package.json package-lock.json
	@bash tools/deps.sh
	@touch $@

build: $(DEPS_STAMP)
	@mkdir -p build

run: build
	@test -f $(KERNEL) || { echo "make run: $(KERNEL) does not exist yet (the kernel is not built by this tree yet)"; exit 2; }
	$(DAMSELFLY) -kernel $(KERNEL) -smp $(SMP) -m $(MEM) -nographic $(if $(APPEND),-append "$(APPEND)")

typecheck: $(DEPS_STAMP)
	node_modules/.bin/tsc -p tsconfig.json

unit: $(DEPS_STAMP)
	node_modules/.bin/vitest run

test: deps build typecheck unit

bench: build
	@echo "make bench: no benchmarks are defined yet"; exit 2

qemu: build
	@test -f $(KERNEL) || { echo "make qemu: $(KERNEL) does not exist yet"; exit 2; }
	qemu-system-i386 -kernel $(KERNEL) -smp $(SMP) -m $(MEM) -nographic -no-reboot \
	  -device isa-debug-exit,iobase=0xf4,iosize=0x04 $(if $(APPEND),-append "$(APPEND)")

gdb: build
	@test -f $(KERNEL) || { echo "make gdb: $(KERNEL) does not exist yet"; exit 2; }
	@echo "make gdb: the gdb stub (machine/gdbstub) is not built yet"; exit 2

clean:
	rm -rf build dist
