# Compiler and Rust flags for each build kind, recorded verbatim in reports.
if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "duet needs clang (libFuzzer and the sanitizers); configure with a preset or CC=clang")
endif()

set(DUET_WARNINGS -Wall -Wextra -Wshadow -Wstrict-prototypes)
if(DUET_WERROR)
  list(APPEND DUET_WARNINGS -Werror)
endif()

if(DUET_SANITIZE)
  set(DUET_C_FLAGS -O1 -g -fno-omit-frame-pointer
      -fsanitize=address,undefined -fno-sanitize-recover=undefined
      -fsanitize=fuzzer-no-link)
  set(DUET_LINK_FLAGS -fsanitize=address,undefined)
  # cargo-fuzz's coverage flags, so libFuzzer sees the Rust side's edges and
  # comparisons like the C side's; debug assertions and overflow checks as
  # cargo-fuzz enables them by default. Unlike cargo-fuzz, no `--cfg fuzzing`:
  # crates change behaviour under it (miniz_oxide 0.6.2 stops verifying
  # adler32), and duet must test the code that ships.
  set(DUET_RUST_FLAGS -Zsanitizer=address -Cpasses=sancov-module
      -Cllvm-args=-sanitizer-coverage-level=4
      -Cllvm-args=-sanitizer-coverage-inline-8bit-counters
      -Cllvm-args=-sanitizer-coverage-pc-table
      -Cllvm-args=-sanitizer-coverage-trace-compares
      -Cdebug-assertions -Coverflow-checks
      -Cforce-frame-pointers=yes -Cdebuginfo=1)
else()
  set(DUET_C_FLAGS -O2 -g)
  set(DUET_LINK_FLAGS)
  set(DUET_RUST_FLAGS -Cdebuginfo=1)
endif()
add_compile_options(${DUET_C_FLAGS})
add_link_options(${DUET_LINK_FLAGS})
string(JOIN " " DUET_C_FLAGS_TEXT ${DUET_C_FLAGS})
