# Included by tests/CMakeLists.txt: the identity guard against the mistake it
# exists for. The adapter compiled once more without renames (side `twice`)
# links to libbrotlidec exactly like side `c`.
set(abi_dir ${CMAKE_SOURCE_DIR}/targets/brotli.decode-abi)
add_library(duet_brotli_abi_twice STATIC ${abi_dir}/abi_adapter.c)
target_include_directories(duet_brotli_abi_twice PRIVATE ${CMAKE_SOURCE_DIR}/targets/brotli.decode)
target_compile_definitions(duet_brotli_abi_twice PRIVATE DUET_ABI_SIDE=twice)
target_compile_options(duet_brotli_abi_twice PRIVATE ${DUET_WARNINGS})
target_link_libraries(duet_brotli_abi_twice PUBLIC duet_contract duet_brotlidec)
add_executable(duet_brotli_abi_same_twice ${abi_dir}/tests/same_twice.c)
target_compile_options(duet_brotli_abi_same_twice PRIVATE ${DUET_WARNINGS})
target_link_libraries(duet_brotli_abi_same_twice PRIVATE duet_brotli_abi_twice duet_targets)
add_test(NAME brotli_abi.identity_guard
         COMMAND bash ${abi_dir}/tests/same_twice.sh $<TARGET_FILE:duet_brotli_abi_same_twice>)

# The three implementations through the real CLI (1-byte chunks included).
add_test(NAME brotli_abi.agreement
         COMMAND bash ${abi_dir}/tests/abi.sh $<TARGET_FILE:duet> $<TARGET_FILE:duet_check_report>)
set_tests_properties(brotli_abi.agreement PROPERTIES ENVIRONMENT "DUET_SOURCE_DIR=${CMAKE_SOURCE_DIR}")
