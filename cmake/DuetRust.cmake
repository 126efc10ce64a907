# All Rust adapters link as one staticlib. Its crate is generated here from
# targets.def: a pair with a rust/ folder is a dependency named
# duet_target_<ident>. Cargo runs offline against Debian's crate sources
# (.cargo/config.toml at the top of the repo).

set(DUET_RUST_TOOLCHAIN "" CACHE STRING "rustup toolchain for the Rust side; empty: nightly if installed, else stable with RUSTC_BOOTSTRAP=1")
find_program(CARGO cargo HINTS $ENV{HOME}/.cargo/bin REQUIRED)
find_program(RUSTUP rustup HINTS $ENV{HOME}/.cargo/bin)
find_program(RUSTC rustc HINTS $ENV{HOME}/.cargo/bin REQUIRED)

set(DUET_RUST_SANITIZED OFF)
set(rust_env)
set(rust_toolchain_arg)
if(DUET_SANITIZE OR DUET_COVERAGE OR DUET_TSAN)  # all need -Z flags
  if(DUET_RUST_TOOLCHAIN STREQUAL "" AND RUSTUP)
    execute_process(COMMAND ${RUSTUP} run nightly rustc --version RESULT_VARIABLE no_nightly OUTPUT_QUIET ERROR_QUIET)
    if(no_nightly EQUAL 0)
      set(DUET_RUST_TOOLCHAIN nightly)
    endif()
  endif()
  if(DUET_RUST_TOOLCHAIN STREQUAL "")
    list(APPEND rust_env RUSTC_BOOTSTRAP=1)  # stable accepts -Z flags with it
  endif()
  if(DUET_RUST_TOOLCHAIN)
    set(rust_toolchain_arg +${DUET_RUST_TOOLCHAIN})
  endif()
endif()
if(DUET_SANITIZE)
  # Probe: can this rustc instrument with ASan? If not, build the Rust side
  # plain and let every report say so.
  file(WRITE ${CMAKE_BINARY_DIR}/rust-probe/probe.rs "#[no_mangle] pub extern \"C\" fn duet_probe() {}\n")
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env ${rust_env} ${CARGO} ${rust_toolchain_arg} --version
    OUTPUT_VARIABLE cargo_version OUTPUT_STRIP_TRAILING_WHITESPACE)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env ${rust_env} ${RUSTC} ${rust_toolchain_arg} -Zsanitizer=address
            --crate-type=staticlib --target x86_64-unknown-linux-gnu -o ${CMAKE_BINARY_DIR}/rust-probe/libprobe.a
            ${CMAKE_BINARY_DIR}/rust-probe/probe.rs
    RESULT_VARIABLE probe_failed OUTPUT_QUIET ERROR_VARIABLE probe_error)
  if(probe_failed EQUAL 0)
    set(DUET_RUST_SANITIZED ON)
  else()
    message(WARNING "The Rust side will NOT be sanitized (rustc -Zsanitizer=address failed: ${probe_error}). Every report will say so.")
    set(DUET_RUST_FLAGS -Cdebuginfo=1 -Cdebug-assertions -Coverflow-checks)
  endif()
endif()
string(JOIN " " DUET_RUST_FLAGS_TEXT ${DUET_RUST_FLAGS})

set(rust_dir ${CMAKE_BINARY_DIR}/rust)
set(rust_deps "")
set(rust_uses "")
set(rust_sources)
set(rust_prefix_args)    # CRATE PREFIX pairs for cmake/duet_prefix_exports.sh
set(rust_prefix_files)
set(rust_prepared)       # build-time outputs cargo waits for (rust/prepare.cmake)
set(rust_patches "")     # [patch.crates-io] lines (rust/prepare.cmake)
# Where .cargo/config.toml points cargo: Debian's crate sources.
set(DUET_CARGO_REGISTRY /usr/share/cargo/registry)
foreach(ident name IN ZIP_LISTS DUET_TARGET_IDENTS DUET_TARGET_NAMES)
  set(adapter ${CMAKE_SOURCE_DIR}/targets/${name}/rust)
  if(EXISTS ${adapter}/Cargo.toml)
    string(APPEND rust_deps "duet_target_${ident} = { path = \"${adapter}\" }\n")
    string(APPEND rust_uses "extern crate duet_target_${ident};\n")
    file(GLOB_RECURSE adapter_sources CONFIGURE_DEPENDS ${adapter}/*.rs ${adapter}/Cargo.toml)
    list(APPEND rust_sources ${adapter_sources})
  endif()
  # Drop-in pairs: rust/prefix-exports lists "CRATE PREFIX" lines; that
  # crate's C exports are renamed PREFIX<name> in the staticlib (see
  # cmake/duet_prefix_exports.sh). Several pairs may name the same crate with
  # the same prefix; two prefixes for one crate cannot both hold.
  # A pair that needs a crate prepared at build time (a patched copy) adds a
  # rust/prepare.cmake: it defines the custom command, appends its output to
  # rust_prepared and the crate's path to rust_patches. It sees rust_dir.
  if(EXISTS ${adapter}/prepare.cmake)
    include(${adapter}/prepare.cmake)
    list(APPEND rust_sources ${adapter}/prepare.cmake)
  endif()
  if(EXISTS ${adapter}/prefix-exports)
    list(APPEND rust_prefix_files ${adapter}/prefix-exports)
    file(STRINGS ${adapter}/prefix-exports prefix_lines REGEX "^[^#]")
    foreach(prefix_line IN LISTS prefix_lines)
      if(NOT prefix_line MATCHES "^([A-Za-z0-9_]+)[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*$")
        message(FATAL_ERROR "${adapter}/prefix-exports: expected 'CRATE PREFIX', got: ${prefix_line}")
      endif()
      set(crate ${CMAKE_MATCH_1})
      set(prefix ${CMAKE_MATCH_2})
      if(DEFINED rust_prefix_of_${crate} AND NOT rust_prefix_of_${crate} STREQUAL prefix)
        message(FATAL_ERROR "crate ${crate}: export prefix ${prefix} (${adapter}) conflicts with ${rust_prefix_of_${crate}}")
      endif()
      if(NOT DEFINED rust_prefix_of_${crate})
        set(rust_prefix_of_${crate} ${prefix})
        list(APPEND rust_prefix_args ${crate} ${prefix})
      endif()
    endforeach()
  endif()
endforeach()
# Linked in besides the adapters: bench/overhead's direct library calls, the
# baseline against which the contract's overhead is measured.
set(extra_crate ${CMAKE_SOURCE_DIR}/bench/overhead/rust)
if(EXISTS ${extra_crate}/Cargo.toml)
  string(APPEND rust_deps "duet_bench_overhead = { path = \"${extra_crate}\" }\n")
  string(APPEND rust_uses "extern crate duet_bench_overhead;\n")
  file(GLOB_RECURSE extra_sources CONFIGURE_DEPENDS ${extra_crate}/*.rs ${extra_crate}/Cargo.toml)
  list(APPEND rust_sources ${extra_sources})
endif()
file(GLOB_RECURSE ffi_sources CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/harness/rust/*.rs ${CMAKE_SOURCE_DIR}/harness/rust/*.toml)
set(rust_patch_section "")
if(rust_patches)
  set(rust_patch_section "[patch.crates-io]\n${rust_patches}")
endif()
configure_file(${CMAKE_SOURCE_DIR}/cmake/rust_all.Cargo.toml.in ${rust_dir}/Cargo.toml @ONLY)
configure_file(${CMAKE_SOURCE_DIR}/cmake/rust_all.lib.rs.in ${rust_dir}/src/lib.rs @ONLY)

set(rust_triple x86_64-unknown-linux-gnu)
set(cargo_lib ${rust_dir}/target/${rust_triple}/release/libduet_rust_all.a)
set(rust_lib ${rust_dir}/libduet_rust_all.a)  # cargo's, with drop-in exports renamed
# --target keeps RUSTFLAGS off build scripts and proc-macros, as cargo-fuzz does.
add_custom_command(OUTPUT ${cargo_lib}
  COMMAND ${CMAKE_COMMAND} -E env ${rust_env} "RUSTFLAGS=${DUET_RUST_FLAGS_TEXT}"
          ${CARGO} ${rust_toolchain_arg} build --offline --release --quiet
          --manifest-path ${rust_dir}/Cargo.toml --target ${rust_triple}
          --target-dir ${rust_dir}/target
  COMMAND ${CMAKE_COMMAND} -DCARGO=${CARGO} -DTOOLCHAIN_ARG=${rust_toolchain_arg} -DMANIFEST=${rust_dir}/Cargo.toml
          -DTRIPLE=${rust_triple} -DOUT=${rust_dir}/metadata.json "-DRUST_ENV=${rust_env}" "-DRUSTFLAGS=${DUET_RUST_FLAGS_TEXT}"
          -DTARGET_DIR=${rust_dir}/target -DOUT_CFGS=${rust_dir}/build-messages.json
          -P ${CMAKE_SOURCE_DIR}/cmake/cargo_metadata.cmake
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  DEPENDS ${rust_sources} ${ffi_sources} ${rust_dir}/Cargo.toml ${rust_dir}/src/lib.rs ${rust_prepared}
  COMMENT "Building the Rust adapters (${DUET_RUST_TOOLCHAIN}, sanitized: ${DUET_RUST_SANITIZED})"
  VERBATIM)
add_custom_command(OUTPUT ${rust_lib}
  COMMAND ${CMAKE_COMMAND} -E env AR=${CMAKE_AR} NM=${CMAKE_NM} OBJCOPY=${CMAKE_OBJCOPY}
          bash ${CMAKE_SOURCE_DIR}/cmake/duet_prefix_exports.sh ${cargo_lib} ${rust_lib}
          ${rust_dir}/prefix-exports ${rust_prefix_args}
  DEPENDS ${cargo_lib} ${rust_prefix_files} ${CMAKE_SOURCE_DIR}/cmake/duet_prefix_exports.sh
  COMMENT "Renaming drop-in crates' C exports: ${rust_prefix_args}"
  VERBATIM)
add_custom_target(duet_rust_build DEPENDS ${rust_lib})


add_library(duet_rust_all STATIC IMPORTED GLOBAL)
set_target_properties(duet_rust_all PROPERTIES IMPORTED_LOCATION ${rust_lib})
add_dependencies(duet_rust_all duet_rust_build)
target_link_libraries(duet_rust_all INTERFACE pthread dl m rt gcc_s)

if(DUET_RUST_TOOLCHAIN)
  set(DUET_RUST_TOOLCHAIN_TEXT "${DUET_RUST_TOOLCHAIN}")
else()
  if(DUET_SANITIZE OR DUET_COVERAGE OR DUET_TSAN)
    set(DUET_RUST_TOOLCHAIN_TEXT "stable (RUSTC_BOOTSTRAP=1)")
  else()
    set(DUET_RUST_TOOLCHAIN_TEXT "default rustup toolchain")
  endif()
endif()
