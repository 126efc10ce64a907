# Included by cmake/DuetRust.cmake: builds, at build time, the crate copy that
# the `rust-unsafe` side needs: Debian's brotli-decompressor 2.3.4 copied into
# the build tree and patched with ../brotli-decompressor-unsafe.patch. The
# registry itself is never written to.
set(unsafe_origin ${DUET_CARGO_REGISTRY}/brotli-decompressor-2.3.4)
set(unsafe_copy ${rust_dir}/crates/brotli-decompressor-unsafe)
set(unsafe_patch ${CMAKE_SOURCE_DIR}/targets/brotli.decode-abi/brotli-decompressor-unsafe.patch)
if(NOT EXISTS ${unsafe_origin}/Cargo.toml)
  message(FATAL_ERROR "brotli.decode-abi: ${unsafe_origin} not found: install librust-brotli-decompressor-dev (scripts/install-deps)")
endif()
find_program(DUET_PATCH patch REQUIRED)
add_custom_command(OUTPUT ${unsafe_copy}.stamp
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${unsafe_copy}
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${unsafe_origin} ${unsafe_copy}
  COMMAND ${DUET_PATCH} -p1 -s --no-backup-if-mismatch -d ${unsafe_copy} -i ${unsafe_patch}
  COMMAND ${CMAKE_COMMAND} -E touch ${unsafe_copy}.stamp
  DEPENDS ${unsafe_patch} ${unsafe_origin}/Cargo.toml
  COMMENT "Copying brotli-decompressor 2.3.4 and applying brotli-decompressor-unsafe.patch"
  VERBATIM)
list(APPEND rust_prepared ${unsafe_copy}.stamp)
string(APPEND rust_patches "brotli-decompressor-unsafe = { path = \"${unsafe_copy}\" }\n")
