# The coverage build's tools: llvm-profdata and llvm-cov of the C compiler's
# own LLVM version (clang-22 in the coverage preset, rustc's LLVM 22 too), so
# that they read the raw profiles both sides write. `duet coverage` (in any
# build) reads their paths, and this build's folder, from duet-coverage.conf.
if(NOT DUET_COVERAGE)
  return()
endif()
string(REGEX MATCH "^[0-9]+" llvm_major "${CMAKE_C_COMPILER_VERSION}")
find_program(DUET_LLVM_PROFDATA NAMES llvm-profdata-${llvm_major} PATHS /usr/lib/llvm-${llvm_major}/bin NO_CACHE)
find_program(DUET_LLVM_COV NAMES llvm-cov-${llvm_major} PATHS /usr/lib/llvm-${llvm_major}/bin NO_CACHE)
if(NOT DUET_LLVM_PROFDATA OR NOT DUET_LLVM_COV)
  message(FATAL_ERROR "The coverage build needs llvm-profdata-${llvm_major} and llvm-cov-${llvm_major} "
                      "(clang ${CMAKE_C_COMPILER_VERSION}'s): run scripts/install-deps")
endif()
# rustc's LLVM must be the compiler's: one raw profile format per process.
execute_process(COMMAND ${CMAKE_COMMAND} -E env ${rust_env} ${RUSTC} ${rust_toolchain_arg} --version --verbose
                OUTPUT_VARIABLE rustc_verbose ERROR_QUIET)
string(REGEX MATCH "LLVM version: ([0-9]+)" _ "${rustc_verbose}")
if(NOT CMAKE_MATCH_1 STREQUAL llvm_major)
  message(FATAL_ERROR "The coverage build needs rustc's LLVM (${CMAKE_MATCH_1}) to be clang's (${llvm_major}): "
                      "set CMAKE_C_COMPILER to clang-${CMAKE_MATCH_1} or DUET_RUST_TOOLCHAIN")
endif()
# One "key value" a line; values are paths and may hold spaces (the rest of the line).
file(WRITE ${CMAKE_BINARY_DIR}/duet-coverage.conf
  "# Written by cmake/DuetCoverage.cmake; read by `duet coverage`.\n"
  "llvm-profdata ${DUET_LLVM_PROFDATA}\n"
  "llvm-cov ${DUET_LLVM_COV}\n"
  "source-dir ${CMAKE_SOURCE_DIR}\n"
  "binary-dir ${CMAKE_BINARY_DIR}\n")
