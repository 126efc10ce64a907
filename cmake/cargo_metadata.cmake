# cmake -DCARGO=... -DTOOLCHAIN_ARG=... -DMANIFEST=... -DTRIPLE=... -DOUT=... -P cargo_metadata.cmake
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
