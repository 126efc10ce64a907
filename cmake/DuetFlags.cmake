# Compiler and Rust flags for each build kind, recorded verbatim in reports.
if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "duet needs clang (libFuzzer and the sanitizers); configure with a preset or CC=clang")
endif()

set(DUET_WARNINGS -Wall -Wextra -Wshadow -Wstrict-prototypes)

# Third-party C libraries: their style warnings are not ours to fix, but an
# implicit declaration under strict C11 truncates pointers (libyaml's strdup
# crashed every run that way), so those two stay errors.
set(DUET_THIRD_PARTY_FLAGS -Wno-everything -Werror=implicit-function-declaration -Werror=int-conversion)
if(DUET_WERROR)
  list(APPEND DUET_WARNINGS -Werror)
endif()

if(DUET_COVERAGE)
  # The coverage build (`duet coverage`): clang's source-based coverage on the
  # C side, rustc's on the Rust side, no sanitizers, no libFuzzer. Both sides'
  # counters land in one profile of one process, so clang and rustc must share
  # an LLVM version (the raw profile format): the preset picks clang-22 for
  # rustc's LLVM 22, and llvm-profdata/llvm-cov of the same version read it
  # (cmake/DuetCoverage.cmake). Debug assertions and overflow checks as in the
  # fuzz build, so the code measured behaves as the code fuzzed; branch
  # coverage of Rust is unstable (-Z, nightly or RUSTC_BOOTSTRAP=1).
  if(DUET_SANITIZE)
    message(FATAL_ERROR "DUET_COVERAGE needs DUET_SANITIZE=OFF (the coverage preset sets both)")
  endif()
  set(DUET_C_FLAGS -O0 -g -fprofile-instr-generate -fcoverage-mapping)
  set(DUET_LINK_FLAGS -fprofile-instr-generate)
  set(DUET_RUST_FLAGS -Cinstrument-coverage -Zcoverage-options=branch -Cdebug-assertions -Coverflow-checks
      -Cdebuginfo=1)
elseif(DUET_TSAN)
  # The tsan build (`duet stress` under ThreadSanitizer, claim C4): TSan alone
  # (it cannot share a process with ASan), no libFuzzer. The preset compiles C
  # with clang-22, rustc's LLVM version: rustc's TSan instrumentation calls
  # runtime entry points (__tsan_memcpy) that clang 14's runtime lacks. Rust's -Zsanitizer=thread
  # instruments the crates, not the prebuilt standard library (no rust-src,
  # so no -Zbuild-std): tools/tsan/suppressions.txt says what that costs.
  if(DUET_SANITIZE)
    message(FATAL_ERROR "DUET_TSAN needs DUET_SANITIZE=OFF (the tsan preset sets both)")
  endif()
  set(DUET_C_FLAGS -O1 -g -fno-omit-frame-pointer -fsanitize=thread)
  set(DUET_LINK_FLAGS -fsanitize=thread)
  # rustc refuses to mix a sanitized crate with the unsanitized prebuilt std
  # (-Zsanitizer is an ABI "target modifier"): -Cunsafe-allow-abi-mismatch
  # accepts it, which is the uninstrumented std the suppressions file is about.
  set(DUET_RUST_FLAGS -Zsanitizer=thread -Cunsafe-allow-abi-mismatch=sanitizer -Cdebug-assertions -Coverflow-checks
      -Cforce-frame-pointers=yes -Cdebuginfo=1)
elseif(DUET_SANITIZE)
  # Recoverable reports: campaigns run with halt_on_error=0, so a known or
  # already saved bug does not end the process (duet/explore.h); every other
  # process keeps halt_on_error=1 (duet's defaults), so a report still ends it.
  set(DUET_C_FLAGS -O1 -g -fno-omit-frame-pointer
      -fsanitize=address,undefined -fsanitize-recover=address,undefined
      -fsanitize=fuzzer-no-link)
  set(DUET_LINK_FLAGS -fsanitize=address,undefined)
  # cargo-fuzz's coverage flags, so libFuzzer sees the Rust side's edges and
  # comparisons like the C side's; debug assertions and overflow checks as
  # cargo-fuzz enables them by default. Unlike cargo-fuzz, no `--cfg fuzzing`:
  # crates change behaviour under it (miniz_oxide 0.6.2 stops verifying
  # adler32), and duet must test the code that ships.
  set(DUET_RUST_FLAGS -Zsanitizer=address -Zsanitizer-recover=address -Cpasses=sancov-module
      -Cllvm-args=-sanitizer-coverage-level=4
      -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
      -Cllvm-args=-sanitizer-coverage-pc-table
      -Cllvm-args=-sanitizer-coverage-trace-compares
      -Cdebug-assertions -Coverflow-checks
      -Cforce-frame-pointers=yes -Cdebuginfo=1)
else()
  # The bench build. Each side optimised as it ships by default (Debian builds
  # C libraries with -O2, cargo's release profile is opt-level 3), both for the
  # same CPU level so neither gets instructions the other may not use. Both
  # sides allocate with the system malloc (Rust's default global allocator;
  # no adapter sets another) and Rust keeps panic=unwind + duet_ffi's
  # catch_unwind, as in the fuzz build. duet-bench records all of this.
  set(DUET_CPU_LEVEL x86-64-v2 CACHE STRING "CPU level of the bench build, both sides (-march / -C target-cpu)")
  set(DUET_C_FLAGS -O2 -march=${DUET_CPU_LEVEL} -g)
  set(DUET_LINK_FLAGS)
  set(DUET_RUST_FLAGS -Copt-level=3 -Ctarget-cpu=${DUET_CPU_LEVEL} -Cdebuginfo=1)
endif()
add_compile_options(${DUET_C_FLAGS})
add_link_options(${DUET_LINK_FLAGS})
string(JOIN " " DUET_C_FLAGS_TEXT ${DUET_C_FLAGS})

# A C library built, in the bench build, with the flags its Debian packaging
# adds after DUET_C_FLAGS (the optimisation level of its debian/rules and
# build system; `why` says where that comes from). The fuzz and coverage
# builds keep DUET_C_FLAGS alone. Every pair's library calls this once; duet-bench
# records the list (duet_c_library_flags) and bench/README.md shows it.
function(duet_debian_build library why)
  if(NOT DUET_SANITIZE AND NOT DUET_COVERAGE AND NOT DUET_TSAN)
    target_compile_options(${library} PRIVATE ${ARGN})
  endif()
  string(JOIN " " flags ${ARGN})
  set_property(GLOBAL APPEND PROPERTY DUET_C_LIBRARY_FLAGS "${library}: ${flags} (${why})")
endfunction()
