# Ebb: the two commands of the README, and a few helpers.
#   make play   install what is missing, build, start the game
#   make test   install what is missing, build (warnings as errors), run every test, then
#               run them all again under AddressSanitizer + UBSan
#   make bench  print the benchmark figures
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: play test deps build build-asan test-fast test-asan bench clean

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

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
