# Reads targets/targets.def (the one list of targets) and builds each pair:
# its C adapter and C library, its fuzz binary, seeds and dictionary.

# A coverage build of a few pairs (tests/cli/coverage.sh): only their C
# libraries and Rust crates are compiled, and only their duet-cover-<pair> and
# seeds can be built there (the duet CLI links every pair).
set(DUET_ONLY_TARGETS "" CACHE STRING "Coverage builds only: the pairs to build (empty: every pair)")
if(DUET_ONLY_TARGETS AND NOT DUET_COVERAGE)
  message(FATAL_ERROR "DUET_ONLY_TARGETS is for coverage builds (DUET_COVERAGE=ON) only")
endif()
file(STRINGS ${CMAKE_SOURCE_DIR}/targets/targets.def DUET_TARGET_LINES REGEX "^DUET_TARGET\\(")
# A line added to targets.def re-runs the configure step on the next build.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/targets/targets.def)
set(DUET_TARGET_IDENTS)
set(DUET_TARGET_NAMES)
foreach(line IN LISTS DUET_TARGET_LINES)
  if(NOT line MATCHES "^DUET_TARGET\\(([a-z0-9_]+), *\"([a-z0-9._-]+)\"\\)")
    message(FATAL_ERROR "targets/targets.def: cannot read line: ${line}")
  endif()
  if(DUET_ONLY_TARGETS AND NOT CMAKE_MATCH_2 IN_LIST DUET_ONLY_TARGETS)
    continue()
  endif()
  list(APPEND DUET_TARGET_IDENTS ${CMAKE_MATCH_1})
  list(APPEND DUET_TARGET_NAMES ${CMAKE_MATCH_2})
endforeach()

set(DUET_SEEDS_DIR ${CMAKE_BINARY_DIR}/seeds)

# Stops configuration with the fix when a Debian source is missing.
function(duet_require_source file package)
  if(NOT EXISTS ${file})
    message(FATAL_ERROR "${package} source not found at ${file}: run scripts/install-deps first")
  endif()
endfunction()

# duet_add_pair(IDENT C_SOURCES ... C_LIBS ... SEEDS gen.c DICT file.dict)
# Called from targets/<name>/CMakeLists.txt with the folder as current dir.
function(duet_add_pair ident)
  cmake_parse_arguments(P "" "SEEDS;DICT" "C_SOURCES;C_LIBS" ${ARGN})
  set(name ${DUET_CURRENT_TARGET_NAME})
  add_library(duet_pair_${ident} OBJECT ${P_C_SOURCES})
  target_compile_options(duet_pair_${ident} PRIVATE ${DUET_WARNINGS})
  # C libraries use libm (log2, pow); the sanitizer runtimes pull it in, the
  # release (bench) build does not.
  target_link_libraries(duet_pair_${ident} PUBLIC duet_contract ${P_C_LIBS} m)
  set_property(GLOBAL APPEND PROPERTY DUET_PAIR_LIBS duet_pair_${ident} ${P_C_LIBS})
  # This pair's alone, for its fuzz binary (harness/cli/CMakeLists.txt).
  set_property(GLOBAL PROPERTY DUET_PAIR_LIBS_${ident} duet_pair_${ident} ${P_C_LIBS})

  if(P_SEEDS)
    add_executable(duet_seeds_${ident} ${P_SEEDS})
    target_compile_options(duet_seeds_${ident} PRIVATE ${DUET_WARNINGS})
    target_link_libraries(duet_seeds_${ident} PRIVATE ${P_C_LIBS} duet_seedkit m)
    add_custom_command(OUTPUT ${DUET_SEEDS_DIR}/${name}.stamp
      COMMAND ${CMAKE_COMMAND} -E rm -rf ${DUET_SEEDS_DIR}/${name}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${DUET_SEEDS_DIR}/${name}
      COMMAND duet_seeds_${ident} ${DUET_SEEDS_DIR}/${name}
      COMMAND ${CMAKE_COMMAND} -E touch ${DUET_SEEDS_DIR}/${name}.stamp
      DEPENDS duet_seeds_${ident}
      COMMENT "Generating the ${name} seed corpus")
    add_custom_target(duet_seed_corpus_${ident} ALL DEPENDS ${DUET_SEEDS_DIR}/${name}.stamp)
  endif()
  if(P_DICT)
    configure_file(${P_DICT} ${CMAKE_BINARY_DIR}/dicts/${name}.dict COPYONLY)
  endif()
endfunction()

# Includes every pair's CMakeLists.txt, in table order.
macro(duet_load_pairs)
  foreach(ident name IN ZIP_LISTS DUET_TARGET_IDENTS DUET_TARGET_NAMES)
    set(DUET_CURRENT_TARGET_NAME ${name})
    set(pair_dir ${CMAKE_SOURCE_DIR}/targets/${name})
    if(NOT EXISTS ${pair_dir}/CMakeLists.txt)
      message(FATAL_ERROR "targets.def lists ${name} but ${pair_dir}/CMakeLists.txt is missing")
    endif()
    add_subdirectory(${pair_dir} ${CMAKE_BINARY_DIR}/targets/${name})
  endforeach()
endmacro()
