# Reads targets/targets.def (the one list of targets) and builds each pair:
# its C adapter and C library, its fuzz binary, seeds and dictionary.

file(STRINGS ${CMAKE_SOURCE_DIR}/targets/targets.def DUET_TARGET_LINES REGEX "^DUET_TARGET\\(")
# A line added to targets.def re-runs the configure step on the next build.
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/targets/targets.def)
set(DUET_TARGET_IDENTS)
set(DUET_TARGET_NAMES)
foreach(line IN LISTS DUET_TARGET_LINES)
  if(NOT line MATCHES "^DUET_TARGET\\(([a-z0-9_]+), *\"([a-z0-9._-]+)\"\\)")
    message(FATAL_ERROR "targets/targets.def: cannot read line: ${line}")
  endif()
  list(APPEND DUET_TARGET_IDENTS ${CMAKE_MATCH_1})
  list(APPEND DUET_TARGET_NAMES ${CMAKE_MATCH_2})
endforeach()

# Some targets only, by name (";"-separated, from targets.def): a quicker
# build of .clusterfuzzlite/build.sh or of the coverage test (cargo then
# builds only those crates). Empty (the default): all. Only those pairs'
# fuzz and replay binaries, seeds and dictionaries, and a `duet` CLI of those
# pairs alone, can then be built; the tests need every pair.
set(DUET_ONLY_TARGETS "" CACHE STRING "Build these targets only (names from targets/targets.def); empty: all")
# The unpatched build: by default the pairs with a cves.json, and the pairs
# each names in its "build_with" (png.decode's libpng needs zlib.inflate's zlib).
if(DUET_UNPATCHED AND NOT DUET_ONLY_TARGETS)
  foreach(name IN LISTS DUET_TARGET_NAMES)
    set(manifest ${CMAKE_SOURCE_DIR}/targets/${name}/cves.json)
    if(EXISTS ${manifest})
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${manifest})
      file(READ ${manifest} cves)
      list(APPEND DUET_ONLY_TARGETS ${name})
      string(JSON with_count ERROR_VARIABLE no_with LENGTH "${cves}" build_with)
      if(NOT no_with)
        math(EXPR last "${with_count} - 1")
        foreach(i RANGE ${last})
          string(JSON other GET "${cves}" build_with ${i})
          list(APPEND DUET_ONLY_TARGETS ${other})
        endforeach()
      endif()
    endif()
  endforeach()
  list(REMOVE_DUPLICATES DUET_ONLY_TARGETS)
  if(NOT DUET_ONLY_TARGETS)
    message(FATAL_ERROR "DUET_UNPATCHED: no pair has a targets/<name>/cves.json")
  endif()
endif()
if(DUET_ONLY_TARGETS)
  if(DUET_TESTS)
    message(FATAL_ERROR "DUET_ONLY_TARGETS builds fuzz or replay binaries only: configure it with DUET_TESTS=OFF")
  endif()
  set(kept_idents)
  set(kept_names)
  foreach(wanted IN LISTS DUET_ONLY_TARGETS)
    list(FIND DUET_TARGET_NAMES ${wanted} at)
    if(at LESS 0)
      message(FATAL_ERROR "DUET_ONLY_TARGETS: ${wanted} is not in targets/targets.def")
    endif()
  endforeach()
  foreach(ident name IN ZIP_LISTS DUET_TARGET_IDENTS DUET_TARGET_NAMES)
    if(name IN_LIST DUET_ONLY_TARGETS)
      list(APPEND kept_idents ${ident})
      list(APPEND kept_names ${name})
    endif()
  endforeach()
  set(DUET_TARGET_IDENTS ${kept_idents})
  set(DUET_TARGET_NAMES ${kept_names})
  # The CLI's registry holds the kept lines only (registry.c, DUET_REGISTRY_FILE).
  set(kept_def "/* Generated from targets/targets.def: DUET_ONLY_TARGETS. */\n")
  foreach(ident name IN ZIP_LISTS DUET_TARGET_IDENTS DUET_TARGET_NAMES)
    string(APPEND kept_def "DUET_TARGET(${ident}, \"${name}\")\n")
  endforeach()
  file(WRITE ${CMAKE_BINARY_DIR}/harness/targets-kept.def.tmp "${kept_def}")
  file(COPY_FILE ${CMAKE_BINARY_DIR}/harness/targets-kept.def.tmp ${CMAKE_BINARY_DIR}/harness/targets-kept.def ONLY_IF_DIFFERENT)
endif()

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
