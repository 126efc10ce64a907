# cmake -DCARGO=... -DTOOLCHAIN_ARG=... -DMANIFEST=... -DTRIPLE=... -DOUT=...
#       [-DRUST_ENV=... -DRUSTFLAGS=... -DTARGET_DIR=... -DOUT_CFGS=...] -P cargo_metadata.cmake
# Writes the Rust crate graph after the build (patched copies exist by then);
# `duet unsafe` and the reports read it for claim C5.
execute_process(
  COMMAND ${CARGO} ${TOOLCHAIN_ARG} metadata --offline --format-version 1 --manifest-path ${MANIFEST} --filter-platform ${TRIPLE}
  OUTPUT_FILE ${OUT}.tmp
  RESULT_VARIABLE failed ERROR_VARIABLE error)
if(failed)
  file(REMOVE ${OUT}.tmp)
  message(WARNING "cargo metadata failed; `duet unsafe` will have no data: ${error}")
else()
  file(RENAME ${OUT}.tmp ${OUT})
endif()

# The cfgs that build scripts set (cargo:rustc-cfg, e.g. crc32fast's
# crc32fast_stdarchx86), which cargo metadata does not have: the same build
# again, a no-op with the same flags, reports them as JSON messages
# ("build-script-executed"). `duet unsafe` evaluates #[cfg] with them.
if(DEFINED OUT_CFGS)
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env ${RUST_ENV} "RUSTFLAGS=${RUSTFLAGS}"
            ${CARGO} ${TOOLCHAIN_ARG} build --offline --release --message-format=json
            --manifest-path ${MANIFEST} --target ${TRIPLE} --target-dir ${TARGET_DIR}
    OUTPUT_FILE ${OUT_CFGS}.tmp
    RESULT_VARIABLE failed ERROR_VARIABLE error)
  if(failed)
    file(REMOVE ${OUT_CFGS}.tmp)
    message(WARNING "cargo build --message-format=json failed; `duet unsafe` will have no data: ${error}")
  else()
    file(RENAME ${OUT_CFGS}.tmp ${OUT_CFGS})
  endif()
endif()
