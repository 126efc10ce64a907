#!/usr/bin/env bash
# clusterfuzzlite.build_local: runs .clusterfuzzlite/build.sh as OSS-Fuzz's
# `compile` would (its variables and flags; $SRC/duet the checkout, build.sh
# in $SRC), then each fuzzer it produced for a few hundred inputs over its
# unzipped seed corpus with its .options, and checks that every target has
# its fuzzer, seed zip and .options (and .dict when the pair has one).
#   usage: build_local.sh SOURCE_DIR SCRATCH_DIR
# DUET_CFL_TEST_TARGETS: the targets to build (names, space-separated;
# default "gt.kv base64.decode", a planted-bug pair and a real one, so that
# the test stays within minutes on a 2-core machine); "all" builds every
# target, as build.sh does when DUET_ONLY_TARGETS is unset. $WORK is kept
# between runs (an incremental build, as OSS-Fuzz may); $OUT is new each run.
set -uo pipefail
source_dir=$1
scratch=$2
subset=${DUET_CFL_TEST_TARGETS:-gt.kv base64.decode}
[ "$subset" = all ] && subset=
fail() { echo "FAIL: $*" >&2; exit 1; }

export SRC="$scratch/src" WORK="$scratch/work" OUT="$scratch/out dir"  # a space, as paths may have
rm -rf "$OUT" "$SRC" && mkdir -p "$SRC" "$WORK" "$OUT" || fail "cannot make $scratch"
# The checkout copied into $SRC/duet as the Dockerfile does (tracked and
# new files, times kept, so $WORK's build stays incremental), the Debian
# sources linked in. A copy, not a link: the build folder must not lie in
# the source tree, and the fuzzers later run with the copy gone.
mkdir -p "$SRC/duet/third_party"
(cd "$source_dir" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) |
  tar -xf - -C "$SRC/duet" || fail "cannot copy the checkout"
ln -s "$source_dir/third_party/src" "$SRC/duet/third_party/src"
cp "$source_dir/.clusterfuzzlite/build.sh" "$SRC/build.sh"
# OSS-Fuzz's address-sanitizer libFuzzer build (infra/base-images/base-builder).
common="-O1 -fno-omit-frame-pointer -gline-tables-only -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION"
san="-fsanitize=address -fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link"
export CC=clang CXX=clang++ CFLAGS="$common $san" CXXFLAGS="$common $san -stdlib=libc++"
export LIB_FUZZING_ENGINE=-fsanitize=fuzzer SANITIZER=address FUZZING_ENGINE=libfuzzer ARCHITECTURE=x86_64
export CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-2}
export DUET_ONLY_TARGETS="$subset"
start=$(date +%s)
(cd "$SRC/duet" && bash "$SRC/build.sh") >"$scratch/build.log" 2>&1 || { tail -30 "$scratch/build.log"; fail "build.sh failed (log: $scratch/build.log)"; }
echo "build.sh: $(( $(date +%s) - start )) s"
# The fuzzers then run as on OSS-Fuzz's runner, with no source tree: known
# divergences and regressions come from $OUT/duet-data, else a known
# divergence in the seeds would stop a run.
rm -rf "$SRC/duet"

# Expected: every targets.def name within the subset; with "all", every one
# but the ground-truth pairs (targets/ground-truth.json), which build.sh
# leaves out unless DUET_GROUND_TRUTH=1.
planted=$(jq -r '.bugs[].component' "$source_dir/targets/ground-truth.json" | sort -u)
expected=()
while read -r name; do
  if [ -n "$subset" ]; then [[ " $subset " == *" $name "* ]] && expected+=("$name")
  elif ! grep -qxF "$name" <<<"$planted" || [ "${DUET_GROUND_TRUTH:-0}" = 1 ]; then expected+=("$name")
  elif [ -e "$OUT/duet-fuzz-${name//[.-]/_}" ]; then fail "$name has planted bugs and was built anyway"
  fi
done < <(sed -n 's/^DUET_TARGET([a-z0-9_]*, *"\([^"]*\)")$/\1/p' "$source_dir/targets/targets.def")
[ ${#expected[@]} -gt 0 ] || fail "no target expected from targets.def and '$subset'"

checked=0
for name in "${expected[@]}"; do
  ident=$(awk -v n="$name" '$1 == n {print $2}' "$WORK/duet-build/ossfuzz/targets.txt")
  [ -n "$ident" ] || fail "$name is not in build/ossfuzz/targets.txt"
  fuzzer="$OUT/duet-fuzz-$ident"
  [ -x "$fuzzer" ] || fail "no fuzzer $fuzzer"
  [[ "$(basename "$fuzzer")" =~ ^[A-Za-z0-9_-]+$ ]] || fail "$fuzzer: not a name OSS-Fuzz takes"
  [ -s "${fuzzer}_seed_corpus.zip" ] || fail "no seed corpus zip for $name"
  grep -qx '\[libfuzzer\]' "$fuzzer.options" || fail "no [libfuzzer] section in $fuzzer.options"
  if [ -f "$WORK/duet-build/dicts/$name.dict" ]; then cmp -s "$WORK/duet-build/dicts/$name.dict" "$fuzzer.dict" || fail "no dictionary for $name"; fi
  ! ldd "$fuzzer" | grep -q 'not found' || fail "$fuzzer: a shared library is missing: $(ldd "$fuzzer" | grep 'not found')"
  readelf -d "$fuzzer" | grep -q 'R.*PATH.*\$ORIGIN/lib' || fail "$fuzzer: no \$ORIGIN/lib run path"

  # A few hundred inputs over the seeds, with the .options as flags.
  run="$scratch/run/$name"
  rm -rf "$run" && mkdir -p "$run/corpus" "$run/artifacts"
  python3 -m zipfile -e "${fuzzer}_seed_corpus.zip" "$run/corpus" || fail "cannot unzip the $name seeds"
  [ -n "$(ls -A "$run/corpus")" ] || fail "the $name seed corpus is empty"
  flags=()
  while IFS='= ' read -r key value; do
    [[ "$key" =~ ^[a-z_]+$ ]] && flags+=("-$key=$value")
  done < <(sed -n '/^\[libfuzzer\]/,/^\[/p' "$fuzzer.options" | grep '=')
  (cd "$run" && "$fuzzer" -runs=300 -seed=1 "${flags[@]}" -artifact_prefix=artifacts/ corpus) >"$run/log" 2>&1
  rc=$?
  if [ $rc -ne 0 ]; then
    # A planted bug may fire on the seeds or soon after: accepted only as a
    # sanitizer report, a Rust panic, a timeout or an OOM in the pair's own
    # planted code, or as the driver's record of a divergence of that pair.
    planted_fired() {
      { grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:\|panicked at\|libFuzzer: timeout\|libFuzzer: out-of-memory' "$run/log" &&
          grep -q "targets/$name/" "$run/log"; } ||
        grep -q "^DUET-RESULT {\"target\":\"$name\",\"outcome\":\"divergence\"" "$run/log"
    }
    # A real pair may meet a divergence or panic no one has listed yet: the
    # driver's record and abort are what it does outside duet, by design (the
    # input is kept in the run's artifacts); anything else fails the test.
    if [[ $name == gt.* ]]; then
      planted_fired || { tail -20 "$run/log"; fail "$name exited $rc"; }
      echo "$name: a planted bug fired (exit $rc), as it may"
    else
      grep -q "^DUET-RESULT {\"target\":\"$name\",\"outcome\":\"\(divergence\|panic\)\"" "$run/log" &&
        ! grep -q 'ERROR: AddressSanitizer\|runtime error:' "$run/log" || { tail -20 "$run/log"; fail "$name exited $rc"; }
      echo "$name: a finding not yet known (exit $rc, the driver's record; input in $run/artifacts)"
    fi
  else
    grep -q 'Done [0-9]* runs' "$run/log" || { tail -20 "$run/log"; fail "$name did not report its runs"; }
    echo "$name: $(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$run/log")"
  fi
  checked=$((checked + 1))
done
echo "ok: $checked fuzzer(s) built the OSS-Fuzz way and run ($(( $(date +%s) - start )) s)"
