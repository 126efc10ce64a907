# The coreutils pair's test-only program: the planted divergence (tests/planted.c).
add_executable(duet_coreutils_planted ${CMAKE_SOURCE_DIR}/targets/coreutils/tests/planted.c)
# uninstrumented, as the uutils binary it stands for (its address space is limited: sandbox.c)
target_compile_options(duet_coreutils_planted PRIVATE ${DUET_WARNINGS} -fno-sanitize=all)
target_link_options(duet_coreutils_planted PRIVATE -fno-sanitize=all)
target_compile_definitions(duet_coreutils_planted PRIVATE DUET_PLANTED_GNU_DIR="${DUET_COREUTILS_GNU_BUILD}/src")

# unit.coreutils: the decoder (confinement) and the sandboxed runner, with
# system programs only: seconds, no GNU build needed.
add_executable(duet_coreutils_unit ${CMAKE_SOURCE_DIR}/targets/coreutils/tests/unit.c
  ${CMAKE_SOURCE_DIR}/targets/coreutils/invocation.c ${CMAKE_SOURCE_DIR}/targets/coreutils/runner.c)
target_include_directories(duet_coreutils_unit PRIVATE ${CMAKE_SOURCE_DIR}/targets/coreutils)
target_compile_definitions(duet_coreutils_unit PRIVATE DUET_CU_SANDBOX="$<TARGET_FILE:duet-cu-sandbox>")
add_dependencies(duet_coreutils_unit duet-cu-sandbox)
target_compile_options(duet_coreutils_unit PRIVATE ${DUET_WARNINGS})
add_test(NAME unit.coreutils COMMAND duet_coreutils_unit)
set_tests_properties(unit.coreutils PROPERTIES TIMEOUT 60 LABELS coreutils)

# pair.coreutils (test.sh) needs the GNU build: skipped (77) without it.
set_tests_properties(pair.coreutils PROPERTIES SKIP_RETURN_CODE 77 LABELS coreutils TIMEOUT 300
  ENVIRONMENT "DUET_SOURCE_DIR=${CMAKE_SOURCE_DIR};DUET_COREUTILS_GNU_DIR=${DUET_COREUTILS_GNU_BUILD}/src;DUET_CU_PLANTED=$<TARGET_FILE:duet_coreutils_planted>")

# Without its GNU build the pair cannot run: `duet regress` skips its
# regression inputs and says so (CI has no GNU build).
add_test(NAME regress.coreutils_unavailable COMMAND sh -c
  "DUET_COREUTILS_GNU_DIR=/nonexistent \"$0\" regress coreutils | grep '^SKIP coreutils: [1-9][0-9]* regression'"
  ${DUET_BIN})
set_tests_properties(regress.coreutils_unavailable PROPERTIES LABELS coreutils TIMEOUT 60)
