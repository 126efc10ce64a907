# libbrotlidec and libbrotlienc from the Debian source `brotli`, compiled with
# the harness's flags. Included by every brotli pair (brotli.decode,
# brotli.decode-abi); defined once so that one copy of the C library is linked.
set(brotli_c ${DUET_THIRD_PARTY}/brotli/c)  # for the includer too
if(NOT TARGET duet_brotlidec)
  duet_require_source(${brotli_c}/dec/decode.c brotli)
  file(GLOB brotli_common_sources ${brotli_c}/common/*.c)
  file(GLOB brotli_dec_sources ${brotli_c}/dec/*.c)
  file(GLOB brotli_enc_sources ${brotli_c}/enc/*.c)
  add_library(duet_brotlidec STATIC ${brotli_common_sources} ${brotli_dec_sources})
  target_include_directories(duet_brotlidec PUBLIC ${brotli_c}/include)
  target_compile_options(duet_brotlidec PRIVATE ${DUET_THIRD_PARTY_FLAGS})
  duet_debian_build(duet_brotlidec "dh cmake, build type None: dpkg-buildflags' -O2" -O2)
  # The encoder is only for the seed generators, never linked into a fuzzer.
  add_library(duet_brotlienc STATIC ${brotli_enc_sources})
  target_link_libraries(duet_brotlienc PUBLIC duet_brotlidec)
  target_compile_options(duet_brotlienc PRIVATE ${DUET_THIRD_PARTY_FLAGS})
endif()
