# What .clusterfuzzlite/build.sh packages for OSS-Fuzz and ClusterFuzzLite,
# written at configure time from the targets this build has (targets.def,
# DUET_ONLY_TARGETS), so the script keeps no list of its own:
#   ossfuzz/targets.txt        one "NAME IDENT KIND" line per target; KIND is
#                              "planted" for a ground-truth pair (a component
#                              of targets/ground-truth.json), else "pair"
#   ossfuzz/<name>.options     libFuzzer's settings as `duet fuzz` runs them
# OSS-Fuzz names a fuzzer by its file name, letters, digits, '_' and '-'
# only (a '.' would also read as an extension), so build.sh installs
# duet-fuzz-<name> as duet-fuzz-<ident> (targets.def's C identifier).

# -timeout: duet's per-input timeout (DUET_REPRO_TIMEOUT_SECONDS in
# duet/limits.h, read from there). -max_len: `duet fuzz` leaves it to
# libFuzzer, whose default is 4096; ClusterFuzz picks its own unless told.
set(DUET_OSSFUZZ_MAX_LEN 4096)
file(STRINGS ${CMAKE_SOURCE_DIR}/harness/include/duet/limits.h duet_timeout_line
     REGEX "^#define DUET_REPRO_TIMEOUT_SECONDS [0-9]+")
if(NOT duet_timeout_line MATCHES "([0-9]+)$")
  message(FATAL_ERROR "duet/limits.h: DUET_REPRO_TIMEOUT_SECONDS not found")
endif()
set(DUET_OSSFUZZ_TIMEOUT ${CMAKE_MATCH_1})
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/harness/include/duet/limits.h)

# The pairs with planted bugs: every component of targets/ground-truth.json.
function(duet_ground_truth_components out)
  set(file ${CMAKE_SOURCE_DIR}/targets/ground-truth.json)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(READ ${file} json)
  string(JSON count LENGTH "${json}" bugs)
  set(components)
  if(count GREATER 0)
    math(EXPR last "${count} - 1")
    foreach(i RANGE ${last})
      string(JSON component GET "${json}" bugs ${i} component)
      list(APPEND components ${component})
    endforeach()
  endif()
  list(REMOVE_DUPLICATES components)
  set(${out} ${components} PARENT_SCOPE)
endfunction()

function(duet_write_fuzz_manifest)
  set(dir ${CMAKE_BINARY_DIR}/ossfuzz)
  file(REMOVE_RECURSE ${dir})
  duet_ground_truth_components(planted)
  set(lines "")
  foreach(ident name IN ZIP_LISTS DUET_TARGET_IDENTS DUET_TARGET_NAMES)
    set(kind pair)
    if(name IN_LIST planted)
      set(kind planted)
    endif()
    string(APPEND lines "${name} ${ident} ${kind}\n")
    file(WRITE ${dir}/${name}.options
         "[libfuzzer]\nmax_len = ${DUET_OSSFUZZ_MAX_LEN}\ntimeout = ${DUET_OSSFUZZ_TIMEOUT}\n")
  endforeach()
  file(WRITE ${dir}/targets.txt "${lines}")
endfunction()
