# Ebb: the two commands of the README, and a few helpers.
#   make play   install what is missing, build, start the game
#   make test   install what is missing, build (warnings as errors), run every test, then
#               run them all again under AddressSanitizer + UBSan
#   make bench  print the benchmark figures
#   make fuzz   fuzz the level, pack, replay and probe-protocol parsers (clang)
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
fuzz: deps
	CC=clang cmake -S . -B build-fuzz -DEBB_BUILD_GAME=OFF -DEBB_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build build-fuzz -j $(JOBS) --target fuzz_level fuzz_pack fuzz_replay fuzz_lineproto fuzz_ble
	mkdir -p build-fuzz/corpus/level build-fuzz/corpus/pack build-fuzz/corpus/replay build-fuzz/corpus/lineproto build-fuzz/corpus/ble
	cp levels/*/*.level tests/levels/bad/*.level build-fuzz/corpus/level/
	cp levels/packs/*.pack build-fuzz/corpus/pack/
	cp tests/data/*.csv tests/fuzz/seeds/*.csv build-fuzz/corpus/replay/
	cp tests/fuzz/seeds/lineproto.txt build-fuzz/corpus/lineproto/
	cp tests/fuzz/seeds/ble_*.bin build-fuzz/corpus/ble/
	for t in level pack replay lineproto ble; do \
	  ./build-fuzz/tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -max_len=8192 \
	    -artifact_prefix=build-fuzz/ build-fuzz/corpus/$$t || exit 1; done

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) build-fuzz
