#!/bin/bash -eu
# Builds every duet-fuzz-<target> the OSS-Fuzz way, for ClusterFuzzLite and
# OSS-Fuzz (README, "Beyond one machine"). Reads what OSS-Fuzz sets: $CC $CXX
# $CFLAGS $CXXFLAGS $LIB_FUZZING_ENGINE $SRC $WORK $OUT. The targets come
# from targets/targets.def through the CMake build (build/ossfuzz/targets.txt),
# never from a list here. For each target NAME (identifier IDENT) it installs:
#   $OUT/duet-fuzz-IDENT                   the fuzzer (OSS-Fuzz names take no '.')
#   $OUT/duet-fuzz-IDENT_seed_corpus.zip   the pair's generated seeds
#   $OUT/duet-fuzz-IDENT.dict              the pair's dictionary, if it has one
#   $OUT/duet-fuzz-IDENT.options           [libfuzzer] max_len and timeout as duet uses them
#   $OUT/duet-data/NAME/                   known-divergences.json and regressions:
#                                          what the fuzzer treats as known, off the source tree
#   $OUT/lib/                              shared libraries the runner image lacks (rpath $ORIGIN/lib)
# The ground-truth pairs (gt.*, planted bugs: targets/ground-truth.json) are
# left out unless DUET_GROUND_TRUTH=1: their bugs fire within seconds, so
# every ClusterFuzzLite run would report the same known crashes and OSS-Fuzz
# would file them as bugs (README, "Beyond one machine").
# DUET_ONLY_TARGETS="gt.kv base64.decode" builds those only, named ones
# included (the ctest's quick mode). The source is $SRC/duet (the Dockerfile
# copies it there), or DUET_SOURCE.

src=${DUET_SOURCE:-$SRC/duet}
build=$WORK/duet-build
only=${DUET_ONLY_TARGETS:-}

# duet adds its own sanitizers (ASan+UBSan, recoverable) and libFuzzer's
# coverage to OSS-Fuzz's flags; DUET_FUZZ_ENGINE links $LIB_FUZZING_ENGINE.
# OSS-Fuzz's C++ flags ask for its own libc++; snappy, the one C++ library
# duet tests, links the C++ runtime by name (libstdc++, from the image's
# build-essential) so that the fuzzers link with the C driver, and an ASan
# build needs no libc++ (MSan would; project.yaml lists address only).
CXXFLAGS=${CXXFLAGS//-stdlib=libc++/}
cmake -S "$src" -B "$build" -G Ninja \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DCMAKE_BUILD_RPATH='$ORIGIN/lib' \
  -DDUET_SANITIZE=ON -DDUET_TESTS=OFF -DDUET_WERROR=OFF -DDUET_BENCH=OFF \
  -DDUET_FUZZ_ENGINE="$LIB_FUZZING_ENGINE" \
  -DDUET_ONLY_TARGETS="${only// /;}" >"$WORK/duet-configure.log" || { cat "$WORK/duet-configure.log"; exit 1; }

names=() idents=()
while read -r name ident kind; do
  [ "$kind" != planted ] || [ -n "$only" ] || [ "${DUET_GROUND_TRUTH:-0}" = 1 ] || { echo "build.sh: $name left out (planted bugs; DUET_GROUND_TRUTH=1 builds it)"; continue; }
  names+=("$name")
  idents+=("$ident")
done <"$build/ossfuzz/targets.txt"
[ ${#names[@]} -gt 0 ] || { echo "build.sh: no targets in $build/ossfuzz/targets.txt" >&2; exit 1; }

ninja_targets=()
for i in "${!names[@]}"; do
  ninja_targets+=("duet-fuzz-${names[$i]}" "duet_seed_corpus_${idents[$i]}")
done
cmake --build "$build" --parallel "${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)}" --target "${ninja_targets[@]}"

# A zip of the files of folder $1 (flat, by base name), written to $2 atomically.
zip_folder() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
folder, out = sys.argv[1], sys.argv[2]
tmp = out + ".tmp"
with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if os.path.isfile(path) and not os.path.islink(path):
            z.write(path, name)
os.replace(tmp, out)
PY
}

# Libraries the fuzzers load that OSS-Fuzz's runner image does not have
# (cJSON, xxHash, libmd): beside them in $OUT/lib, found through the rpath.
copy_shared_libs() {
  mkdir -p "$OUT/lib"
  ldd "$1" | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | while read -r lib; do
    case "$(basename "$lib")" in
      libc.so*|libm.so*|libpthread.so*|libdl.so*|librt.so*|libgcc_s.so*|libstdc++.so*|ld-linux*) ;;
      *) cp -L "$lib" "$OUT/lib/" ;;
    esac
  done
}

mkdir -p "$OUT/duet-data"
for i in "${!names[@]}"; do
  name=${names[$i]}
  fuzzer="$OUT/duet-fuzz-${idents[$i]}"
  cp "$build/harness/cli/duet-fuzz-$name" "$fuzzer"
  zip_folder "$build/seeds/$name" "${fuzzer}_seed_corpus.zip"
  [ ! -f "$build/dicts/$name.dict" ] || cp "$build/dicts/$name.dict" "$fuzzer.dict"
  cp "$build/ossfuzz/$name.options" "$fuzzer.options"
  data="$OUT/duet-data/$name"
  rm -rf "$data" && mkdir -p "$data/regressions"
  [ ! -f "$src/targets/$name/known-divergences.json" ] || cp "$src/targets/$name/known-divergences.json" "$data/"
  [ ! -d "$src/corpora/$name/regressions" ] || cp -R "$src/corpora/$name/regressions/." "$data/regressions/"
  copy_shared_libs "$fuzzer"
  echo "build.sh: $name -> $fuzzer"
done
