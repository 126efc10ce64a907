# tools/unsafe-count: the syn-based counter behind claim C5 (`duet unsafe`).
# A plain host build (no RUSTFLAGS, no sanitizer): it reads crate sources and
# runs nothing of theirs. Cargo reads Debian's crate sources offline, like the
# adapters (.cargo/config.toml). Needs DuetRust.cmake's CARGO, rust_env,
# rust_toolchain_arg, rust_dir and rust_triple.
find_program(RUSTC rustc HINTS $ENV{HOME}/.cargo/bin REQUIRED)
set(unsafe_count_dir ${CMAKE_SOURCE_DIR}/tools/unsafe-count)
set(unsafe_count_target_dir ${CMAKE_BINARY_DIR}/tools/unsafe-count)
set(DUET_UNSAFE_COUNT ${unsafe_count_target_dir}/release/duet-unsafe-count)
file(GLOB unsafe_count_sources CONFIGURE_DEPENDS ${unsafe_count_dir}/src/*.rs)
add_custom_command(OUTPUT ${DUET_UNSAFE_COUNT}
  COMMAND ${CMAKE_COMMAND} -E env --unset=RUSTFLAGS ${rust_env}
          ${CARGO} ${rust_toolchain_arg} build --offline --release --quiet --locked
          --manifest-path ${unsafe_count_dir}/Cargo.toml --target-dir ${unsafe_count_target_dir}
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  DEPENDS ${unsafe_count_sources} ${unsafe_count_dir}/Cargo.toml ${unsafe_count_dir}/Cargo.lock
  COMMENT "Building tools/unsafe-count"
  VERBATIM)
add_custom_target(duet_unsafe_count ALL DEPENDS ${DUET_UNSAFE_COUNT})

# The cfg the adapters compile under, as `rustc --print cfg` prints it for the
# build's target and RUSTFLAGS (release profile: optimised, so no
# debug_assertions unless the flags ask for them). The counter evaluates
# #[cfg] against it; features come from cargo metadata.
set(DUET_RUST_CFG_FILE ${rust_dir}/cfg.txt)
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${rust_env} ${RUSTC} ${rust_toolchain_arg} --print cfg --target ${rust_triple}
          -Copt-level=3 ${DUET_RUST_FLAGS}
  OUTPUT_FILE ${DUET_RUST_CFG_FILE}
  RESULT_VARIABLE cfg_failed ERROR_VARIABLE cfg_error)
if(cfg_failed)
  message(FATAL_ERROR "rustc --print cfg failed: ${cfg_error}")
endif()
