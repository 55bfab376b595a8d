# groeipad: a thin wrapper around Meson and Ninja.
#   make          build build/groeipad
#   make run      install what is missing (as root), build, create groeipad.db
#                 with the demo organisation if there is none, serve on :8080
#   make test     build and run every test suite
#   make sanitize the same suites under AddressSanitizer and UBSan
#   make fuzz     the libFuzzer targets of tests/fuzz (clang), FUZZ_SECONDS each
#   make bench    the benchmarks of bench/
BUILD ?= build
SANBUILD ?= build-san
FUZZBUILD ?= build-fuzz
FUZZ_SECONDS ?= 10
DB ?= groeipad.db
PORT ?= 8080

.PHONY: all deps test-deps run test sanitize fuzz bench clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD) groeipad

deps:
	@sh tools/deps.sh

test-deps:
	@sh tools/deps.sh --test

$(BUILD)/build.ninja:
	@sh tools/deps.sh
	meson setup $(BUILD) --buildtype=debugoptimized

run: deps all
	@if [ ! -f $(DB) ]; then ./$(BUILD)/groeipad --db $(DB) demo; \
	else echo "using the existing $(DB) (remove it for a fresh demo)"; \
	  echo "demo logins: admin/demo-admin, manager/demo-manager, employee/demo-employee,"; \
	  echo "             mentor/demo-mentor, representative/demo-representative"; fi
	@echo "open http://localhost:$(PORT)"
	./$(BUILD)/groeipad --db $(DB) serve --port $(PORT)

# Every suite, the browser tests, and each fuzz target briefly over its corpus.
# The set-up is looked at again: the test packages (libical for the calendar
# test) may have come after a first 'make run' configured the build.
# The browser tests run while the suites do: one browser step after another,
# they keep about half a core busy, and the suites use what is left (the
# fuzz targets wait for both, as they run for a time, not a number of inputs).
test: test-deps all $(FUZZBUILD)/build.ninja
	meson setup --reconfigure $(BUILD) >/dev/null
	ninja -C $(BUILD)
	ninja -C $(FUZZBUILD) fuzz
	@sh tests/e2e/run.sh $(BUILD)/groeipad > $(BUILD)/e2e.log 2>&1 & e2e=$$!; \
	meson test -C $(BUILD) --print-errorlogs; status=$$?; \
	wait $$e2e || status=1; \
	cat $(BUILD)/e2e.log; \
	sh tests/fuzz/run.sh $(FUZZBUILD) $(FUZZ_SECONDS) > $(BUILD)/fuzz.log 2>&1 || status=1; \
	cat $(BUILD)/fuzz.log; \
	sh tools/test-summary.sh $(BUILD) $(BUILD)/e2e.log $(BUILD)/fuzz.log || status=1; exit $$status

# The fuzz build: clang, libFuzzer, ASan and UBSan, in a directory of its own.
$(FUZZBUILD)/build.ninja:
	@sh tools/deps.sh --test
	CC=clang meson setup $(FUZZBUILD) -Dfuzz=true --buildtype=debugoptimized

fuzz: test-deps $(FUZZBUILD)/build.ninja
	ninja -C $(FUZZBUILD) fuzz
	@sh tests/fuzz/run.sh $(FUZZBUILD) $(FUZZ_SECONDS)

$(SANBUILD)/build.ninja:
	@sh tools/deps.sh
	meson setup $(SANBUILD) --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false

sanitize: test-deps $(SANBUILD)/build.ninja
	ninja -C $(SANBUILD)
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C $(SANBUILD) --print-errorlogs; status=$$?; \
	sh tools/test-summary.sh $(SANBUILD) || status=1; exit $$status

bench: all
	@sh bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) $(SANBUILD) $(FUZZBUILD)
