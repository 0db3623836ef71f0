# Ebb: the two commands of the README, and a few helpers.
#   make play   install what is missing, build, start the game
#   make test   install what is missing, build (warnings as errors), run every test, then
#               run them all again under AddressSanitizer + UBSan
#   make bench  print the benchmark figures
#   make fuzz   fuzz every reader of outside input (clang; FUZZ_TARGETS, FUZZ_SECONDS)
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: play test deps build build-asan test-fast test-asan bench fuzz clean

play: build
	./$(BUILD)/ebb

deps:
	@./tools/deps.sh

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEBB_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DEBB_WERROR=ON -DEBB_SANITIZE=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test-fast: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

test: test-fast test-asan

# Figures, not pass/fail: DSP rise time, ripple, throughput and delay; parse and tick speed.
bench: build
	cmake --build $(BUILD) --target bench

# Coverage-guided fuzzing of every parser of outside input (needs clang; corpus in build-fuzz).
FUZZ_SECONDS ?= 60
# Each target starts from its seeds (tests/fuzz/seeds/<target>/; the level, pack and replay
# targets also from the shipped and malformed levels and packs). FUZZ_TARGETS picks some;
# FUZZ_SECONDS is per target. The game's own parsers (settings, conf) need the game built.
FUZZ_TARGETS ?= level pack replay lineproto ble recording osc wav calib history report settings conf
fuzz: deps
	CC=clang cmake -S . -B build-fuzz -DEBB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build build-fuzz -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	for t in $(FUZZ_TARGETS); do mkdir -p build-fuzz/corpus/$$t; \
	  cp tests/fuzz/seeds/$$t/* build-fuzz/corpus/$$t/ 2>/dev/null || true; done
	cp levels/*/*.level tests/levels/bad/*.level build-fuzz/corpus/level/ 2>/dev/null || true
	cp levels/packs/*.pack build-fuzz/corpus/pack/ 2>/dev/null || true
	cp tests/data/*.csv build-fuzz/corpus/replay/ 2>/dev/null || true
	for t in $(FUZZ_TARGETS); do \
	  len=$$(sh tests/fuzz/max_len.sh $$t); \
	  ./build-fuzz/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=$$len \
	    -artifact_prefix=build-fuzz/$$t- build-fuzz/corpus/$$t || exit 1; done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
