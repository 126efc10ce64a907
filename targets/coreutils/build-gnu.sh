#!/usr/bin/env bash
# Builds the GNU side of the coreutils program pair: GNU coreutils 9.1 from the
# Debian source (third_party/src/coreutils, scripts/install-deps), with
# ASan+UBSan and edge coverage (cov_child.c), only the utilities named.
#   build-gnu.sh SOURCE_DIR BUILD_DIR COV_CHILD_C CC UTILITY...
# Configures once (BUILD_DIR/Makefile; ~10 min on a loaded 2-core machine),
# then builds the programs into BUILD_DIR/src.
set -euo pipefail
[ $# -ge 5 ] || { echo "usage: build-gnu.sh SOURCE_DIR BUILD_DIR COV_CHILD_C CC UTILITY..." >&2; exit 2; }
src=$1 build=$2 cov=$3 cc=$4
shift 4
[ -x "$src/configure" ] || { echo "build-gnu.sh: no GNU coreutils source at $src: run scripts/install-deps" >&2; exit 2; }
mkdir -p "$build"
cd "$build"
"$cc" -O2 -fPIC -c "$cov" -o cov_child.o.tmp && mv cov_child.o.tmp cov_child.o
export ASAN_OPTIONS=detect_leaks=0 # for programs make may run
export FORCE_UNSAFE_CONFIGURE=1  # configure refuses root otherwise (install-deps runs as root)
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fsanitize-coverage=trace-pc-guard"
# configure runs plain (its test programs under the sanitizers make it three
# times slower); every object of lib/ and src/ is then compiled with the flags.
if [ ! -f Makefile ]; then
  nice "$src/configure" -q CC="$cc" \
    --disable-nls --without-selinux --disable-acl --disable-xattr --without-openssl --disable-libcap \
    --disable-dependency-tracking
fi
programs=()
for u in "$@"; do programs+=("src/$u"); done
# Only `make all` makes the generated headers (automake's BUILT_SOURCES): make them first.
built=$(printf 'duet-built-sources:\n\t@echo $(BUILT_SOURCES)\n' | make -s -f Makefile -f - duet-built-sources)
# shellcheck disable=SC2086 # a list of file names
nice make -s -j"${DUET_GNU_JOBS:-2}" $built
nice make -s -j"${DUET_GNU_JOBS:-2}" CFLAGS="$flags" LDFLAGS="-fsanitize=address,undefined $build/cov_child.o" "${programs[@]}"
