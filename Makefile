# The commands people type. The build itself is Meson + Ninja.
#
#   make        build ./build/parley
#   make run    install what is missing, build, start the demo
#   make test   install what is missing, run every test suite
#   make bench  run the benchmarks under bench/
#   make fuzz   run each fuzz target for longer (FUZZ_SECONDS, default 300)

BUILD ?= build
DEMO_ARGS ?=

.PHONY: all build setup run test bench fuzz format clean

all: build

setup:
	@scripts/setup.sh

build:
	@if ! command -v meson >/dev/null; then scripts/setup.sh; fi
	@[ -f $(BUILD)/build.ninja ] || meson setup $(BUILD) --buildtype=debugoptimized >/dev/null
	@ninja -C $(BUILD) --quiet

run: setup build
	./$(BUILD)/parley serve --demo $(DEMO_ARGS)

test: setup
	@scripts/test.sh

bench: setup build
	@bench/run.sh

fuzz: setup
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-300} scripts/fuzz.sh

format:
	@clang-format -i $$(git ls-files 'src/*.[ch]' 'tests/*.[ch]')

clean:
	rm -rf build build-asan build-fuzz
