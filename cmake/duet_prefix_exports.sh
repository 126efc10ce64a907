#!/usr/bin/env bash
# Drop-in symbol isolation: renames the C exports of chosen crates inside a
# static library, so a Rust rewrite that exports the very C API of the
# original (BrotliDecoderDecompress, inflate, ...) links into the same binary
# as the original without a clash, and without the linker silently resolving
# both sides to one library.
#
#   duet_prefix_exports.sh IN.a OUT.a MAPDIR [CRATE PREFIX]...
#
# For each CRATE, every archive member whose name starts with "CRATE-" (how
# rustc names a crate's objects in a staticlib) gets each defined, global
# symbol that is a plain C name (not Rust-mangled _ZN.../_R..., not a
# compiler-reserved __name, not weak) renamed to PREFIX<name>, in definitions
# and in references alike. CRATE "-" selects every member: for a C-built
# librewrite.a only (in a Rust staticlib it would also rename std's unmangled
# symbols). The map applied is kept in MAPDIR/CRATE.redefine-syms (objcopy
# --redefine-syms format) for review. Code that calls those exports must use
# the new names (a drop-in adapter is compiled with -D<name>=PREFIX<name>).
# Fails when a crate has no member or no export to rename, so a renamed crate
# cannot silently vanish.
set -euo pipefail
in=$1 out=$2 mapdir=$3
shift 3
# LLVM's ar by default: GNU ar rebuilds the archive index through the LTO
# plugin, which cannot read the bitcode embedded in nightly's std objects and
# silently drops their symbols from the index.
: "${OBJCOPY:=llvm-objcopy}" "${NM:=llvm-nm}" "${AR:=llvm-ar}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$mapdir"
cp "$in" "$work/lib.a"
while [ $# -ge 2 ]; do
  crate=$1 prefix=$2
  shift 2
  if [ "$crate" = - ]; then
    mapfile -t members < <("$AR" t "$work/lib.a")
  else
    mapfile -t members < <("$AR" t "$work/lib.a" | grep -E "^${crate}-" || true)
  fi
  if [ ${#members[@]} = 0 ]; then
    echo "duet_prefix_exports: no member of crate '$crate' in $in" >&2
    exit 1
  fi
  label=${crate/#-/all-members}
  mkdir -p "$work/$label"
  map="$mapdir/$label.redefine-syms"
  (cd "$work/$label" && for m in "${members[@]}"; do "$AR" x "$work/lib.a" "$m"; done)
  (cd "$work/$label" && "$NM" -g --defined-only -P "${members[@]}" 2>/dev/null) |
    awk 'NF >= 2 && $2 ~ /^[TDBR]$/ && $1 !~ /^(_ZN|_R|__)/ && $1 !~ /[.]/ { print $1 }' |
    sort -u | awk -v p="$prefix" '{ print $1, p $1 }' > "$map"
  if [ ! -s "$map" ]; then
    echo "duet_prefix_exports: crate '$crate' exports no C symbol to rename" >&2
    exit 1
  fi
  for m in "${members[@]}"; do
    "$OBJCOPY" --redefine-syms="$map" "$work/$label/$m"
  done
  (cd "$work/$label" && "$AR" r "$work/lib.a" "${members[@]}")
done
mv "$work/lib.a" "$out"
